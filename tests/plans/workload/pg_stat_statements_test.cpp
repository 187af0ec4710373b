// pg_stat_statements read live from the sandbox: entries become templates with their calls, and
// their $n statements are planned generically, never analyzed; pgadvisor's own queries (tagged
// /* pgadvisor */) are never read back; --database and --user apply, the time window cannot.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "plans/pg/explain.hpp"
#include "plans/workload/pg_stat_statements.hpp"
#include "plans/pg/replay.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

TEST_CASE("pg_stat_statements entries become templates, planned generically", "[pg][pgss]") {
  Session session(test_dsn(), {});
  // Traffic of the application's (psql's: pgadvisor's own queries are never read back), so that
  // the entries below exist whatever ran before.
  for (int id : {3, 5, 8})
    run_psql(test_dsn(), "SELECT id, email FROM users_user WHERE status = 'banned' AND id > " + std::to_string(id));
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
  // Only this test's traffic in the fixture database's entries: what earlier tests left there
  // (statements on tables they dropped since) would fail to replay and make the advice incomplete.
  std::string database;
  Session(test_dsn(), {}).rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    database = tx.query("SELECT current_database()").at(0).at(0).value_or("");
  });
  run_psql(admin_dsn_for("postgres"), "SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = '" +
                                          database + "'), 0);");
  for (int id : {3, 5})
    run_psql(test_dsn(), "SELECT id, email FROM users_user WHERE status = 'banned' AND id > " + std::to_string(id));
  run_psql(test_dsn(), "SELECT title FROM blog_post WHERE published ORDER BY created_at DESC LIMIT 20");
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

namespace {

std::vector<std::string> template_texts(const nlohmann::json& report) {
  std::vector<std::string> texts;
  for (const auto& tmpl : report["templates"]) texts.push_back(tmpl["normalized_sql"]);
  std::sort(texts.begin(), texts.end());
  return texts;
}

bool has_message(const nlohmann::json& report, const std::string& text) {
  for (const auto& diagnostic : report["diagnostics"])
    if (diagnostic["message"].get<std::string>().find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("pgadvisor's own queries never come back from pg_stat_statements", "[pg][pgss][filters]") {
  const std::string dsn = scratch_database(
      "pgss_own",
      "CREATE EXTENSION pg_stat_statements;"
      "CREATE TABLE item (id int PRIMARY KEY, label text NOT NULL);"
      "INSERT INTO item SELECT i, 'item ' || i FROM generate_series(1, 100) AS i;"
      "DO $$ BEGIN CREATE ROLE pgss_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
      "GRANT SELECT ON item TO pgss_reader;");
  // Reset from another database: the reset is then no entry of this one.
  run_psql(admin_dsn_for("postgres"),
           "SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = 'pgss_own'), 0);");
  run_psql(dsn, "SELECT label FROM item WHERE id = 7;");
  run_psql(dsn + " user=pgss_reader", "SELECT count(*) FROM item WHERE label = 'item 3';");
  // An audit runs pgadvisor's catalog queries, hypopg and generic plans on this database.
  CommandResult audit = run_pgadvisor("audit --from-pg-stat-statements --format json --db " +
                                      shell_quote(dsn + " application_name=not_pgadvisor"));
  INFO(audit.err);
  REQUIRE(audit.exit_code == 0);

  // They are in pg_stat_statements, as top-level queries tagged with the comment.
  Session session(dsn, {});
  long long own = 0;
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    own = std::stoll(tx.query("SELECT count(*) FROM pg_stat_statements WHERE toplevel AND dbid = (SELECT oid FROM "
                              "pg_database WHERE datname = current_database()) AND query LIKE '/* pgadvisor */ SELECT%'")
                         .at(0)
                         .at(0)
                         .value_or("0"));
  });
  CHECK(own > 0);

  auto templates = [&](const std::string& filters) {
    CommandResult result =
        run_pgadvisor("templates --from-pg-stat-statements --format json --db " + shell_quote(dsn) + " " + filters);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
  };
  nlohmann::json all = templates("");
  CHECK(template_texts(all) == std::vector<std::string>{"SELECT count(*) FROM item WHERE label = $1",
                                                         "SELECT label FROM item WHERE id = $1"});
  CHECK(has_message(all, "pg_stat_statements entries of pgadvisor's own skipped (a /* pgadvisor */ comment)"));

  nlohmann::json reader = templates("--user pgss_reader --user nobody --database pgss_own");
  CHECK(template_texts(reader) == std::vector<std::string>{"SELECT count(*) FROM item WHERE label = $1"});
  CHECK(has_message(reader, "1 pg_stat_statements entries skipped by --user pgss_reader, nobody"));

  nlohmann::json other_database = templates("--database blog");
  CHECK(other_database["templates"].empty());
  CHECK(has_message(other_database, "2 pg_stat_statements entries skipped by --database blog"));

  nlohmann::json windowed = templates("--since 2024-06-30");
  CHECK(windowed["templates"].empty());
  CHECK(has_message(windowed, "--since: pg_stat_statements has no time; the window cannot apply: its 2 "
                              "pg_stat_statements entries are skipped"));

  nlohmann::json asked = templates("--application pgadvisor");
  CHECK(asked["templates"].empty());  // asked for, but pg_stat_statements keeps no application_name
  CHECK(has_message(asked, "--application: pg_stat_statements has no application_name"));
}
