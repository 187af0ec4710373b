// Findings through the binary on the fixture logs: the N+1, the save() loop and count()-then-
// len() are reported on their templates with their evidence, plan smells come from the replayed
// plans, and a saved workload keeps the session findings it can no longer derive.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/findings_report.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

json audit(const std::string& input) { return audit_without_rewrites(input); }

const json* finding(const json& report, const std::string& kind, const std::string& sql_part) {
  return finding_on(report, kind, {sql_part});
}

void check_session_findings(const json& report) {
  INFO(report["findings"].dump(1));
  const json* n_plus_one = finding(report, "n_plus_one", "FROM \"blog_author\"");
  REQUIRE(n_plus_one != nullptr);
  CHECK((*n_plus_one)["evidence"]["runs"] == 20);
  CHECK((*n_plus_one)["fix_django"].get<std::string>().find("select_related") != std::string::npos);
  const json* loop = finding(report, "writes_in_loop", "UPDATE \"blog_comment\"");
  REQUIRE(loop != nullptr);
  CHECK((*loop)["evidence"]["runs"] == 20);
  CHECK((*loop)["fix_django"].get<std::string>().find("bulk_update") != std::string::npos);
  CHECK(finding(report, "count_then_fetch", "users_user") != nullptr);
  for (const auto& f : report["findings"]) {
    CHECK(!f["evidence"].empty());  // no finding without evidence
    CHECK(normalized_sql_of(report, f["templates"][0]).find("ORDER BY \"blog_book\".\"price\"") == std::string::npos);
  }
}

}  // namespace

TEST_CASE("the fixture's N+1, save() loop and count-then-len are found on their templates", "[pg][findings][e2e]") {
  json report = audit("--log " + shell_quote(fixture_path("blog/logs/postgresql.log")));
  check_session_findings(report);
  // Plan smells from the replay: the list page's sequential scan of 200,000 rows on 9 calls.
  const json* scan = finding(report, "seq_scan_large_frequent", "FROM \"blog_post\"");
  REQUIRE(scan != nullptr);
  CHECK((*scan)["evidence"]["calls"] == 9);
  REQUIRE(report["sessions"].size() == 1);  // the traffic ran in one connection
  CHECK(report["sessions"][0]["queries"].get<long long>() > 50);
}

TEST_CASE("a saved workload keeps the session findings", "[pg][findings][e2e]") {
  const TempDir dir("findings");
  const std::string path = dir.file("workload.json");
  CommandResult replay = run_pgadvisor("replay -q --runs 1 --db " + shell_quote(test_dsn()) + " --log " +
                                       shell_quote(fixture_path("blog/logs/django.log")) + " -o " + shell_quote(path));
  REQUIRE(replay.exit_code == 0);
  check_session_findings(audit("--workload " + shell_quote(path)));
}
