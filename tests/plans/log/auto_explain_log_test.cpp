// auto_explain plans read through the log readers: kept on their statement, and a log with only
// auto_explain on still yields its statements.
#include <catch2/catch.hpp>

#include "plans/log/log_file.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using pgadvisor::testing::CollectedLog;

namespace {
CollectedLog read_captured(const std::string& name) {
  CollectedLog log;
  LogSink sink{[&](Statement&& s) { log.statements.push_back(std::move(s)); },
               [&](Diagnostic&& d) { log.diagnostics.push_back(std::move(d)); }};
  read_log_file(std::string(PGADVISOR_SOURCE_DIR) + "/fixtures/logs/captured/" + name, LogFormat::Auto, sink);
  return log;
}
}  // namespace

TEST_CASE("a log with only auto_explain on yields one statement per plan", "[log]") {
  for (const char* name : {"auto_explain_text.log", "auto_explain_json.log"}) {
    INFO(name);
    CollectedLog log = read_captured(name);
    CHECK(log.diagnostics.empty());
    REQUIRE(log.statements.size() == 4);
    for (const auto& statement : log.statements) {
      CHECK(!statement.logged_plan.empty());
      CHECK(statement.duration_ms > 0);
      CHECK(statement.session == log.statements[0].session);  // one psql session made them all
    }
    CHECK(log.statements[0].sql.rfind("SELECT", 0) == 0);
    CHECK(log.statements[0].line == 1);
    CHECK(!log.statements[0].session.empty());
  }
  CollectedLog text = read_captured("auto_explain_text.log");
  CHECK(text.statements[0].duration_ms == Approx(102.617));
  CHECK(text.statements[0].logged_plan.find("Limit  (cost=") == 0);
}
