// pg_stat_statements read live from the sandbox: entries become templates with their calls, and
// their $n statements are planned generically, never analyzed.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "plans/pg/explain.hpp"
#include "plans/workload/pg_stat_statements.hpp"
#include "plans/pg/replay.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

TEST_CASE("pg_stat_statements entries become templates, planned generically", "[pg][pgss]") {
  Session session(test_dsn(), {});
  // Traffic of our own, so that the entries below exist whatever ran before.
  for (int id : {3, 5, 8}) {
    session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
      tx.query("SELECT id, email FROM users_user WHERE status = 'banned' AND id > " + std::to_string(id));
    });
  }
  Workload workload;
  long long entries = read_pg_stat_statements(session, workload);
  REQUIRE(entries > 0);
  const QueryTemplate* banned = nullptr;
  for (const auto& tmpl : workload.templates())
    if (tmpl.sample.sql.find("FROM users_user WHERE status = $1 AND id > $2") != std::string::npos) banned = &tmpl;
  REQUIRE(banned != nullptr);
  CHECK(banned->calls >= 3);
  CHECK(banned->sample.source == "pg_stat_statements");
  CHECK(missing_parameters(banned->sample) == 2);

  ReplayResult replay = replay_statement(session, banned->sample, banned->statement_class);
  CHECK(replay.status == ReplayStatus::Explained);
  CHECK(replay.reason == "no parameter values logged: generic plan, not analyzed");
  REQUIRE(replay.plan);
  CHECK(replay.plan->root.relation == "users_user");
  CHECK_FALSE(replay.plan->execution_ms);
}

TEST_CASE("audit and templates read pg_stat_statements with --from-pg-stat-statements", "[pg][pgss][cli]") {
  CommandResult templates =
      run_pgadvisor("templates --from-pg-stat-statements --db " + shell_quote(test_dsn()) + " --format json");
  INFO(templates.err);
  REQUIRE(templates.exit_code == 0);
  auto report = nlohmann::json::parse(templates.out);
  CHECK(report["templates"].size() > 0);
  CHECK(report["templates"][0]["sample"]["source"] == "pg_stat_statements");

  CommandResult audit = run_pgadvisor("audit --from-pg-stat-statements --db " + shell_quote(test_dsn()) + " --format json");
  INFO(audit.err);
  REQUIRE(audit.exit_code == 0);
  auto advice = nlohmann::json::parse(audit.out);
  bool generic = false;
  for (const auto& tmpl : advice["templates"])
    generic = generic || tmpl["replay"].value("note", "") == "no parameter values logged: generic plan, not analyzed";
  CHECK(generic);

  CHECK(run_pgadvisor("templates --format json").exit_code == 2);  // no input at all
}

TEST_CASE("utility entries of pg_stat_statements are skipped and counted", "[pg][pgss]") {
  Session session(test_dsn(), {});
  session.rolled_back(TransactionMode::ReadOnly, [](Transaction& tx) { tx.query("EXPLAIN SELECT 1"); });
  Workload workload;
  read_pg_stat_statements(session, workload);
  for (const auto& tmpl : workload.templates()) CHECK(tmpl.statement_class.kind != StatementKind::Utility);
  bool counted = false;
  for (const auto& diagnostic : workload.diagnostics())
    counted = counted || diagnostic.message.find("utility and transaction-control entries skipped") != std::string::npos;
  CHECK(counted);
}
