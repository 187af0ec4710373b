// End-to-end: the pgadvisor binary audits the captured Django traffic against the sandbox's
// fixture database, and the proposals are checked against the database's real indexes.
#include <catch2/catch.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "advisor/candidates/existing_index_match.hpp"
#include "tests/support/advice_compare.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

json audit_json(const std::string& log) {
  CommandResult result = run_pgadvisor("audit --db " + shell_quote(test_dsn()) + " --log " +
                                       shell_quote(fixture_path(log)) + " --format json");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out);
}

IndexCandidate candidate_of(const json& index) {
  IndexCandidate candidate;
  candidate.definition.table = index["table"];
  for (const auto& column : index["columns"]) candidate.definition.columns.push_back({column["name"], column["descending"]});
  if (!index["where"].is_null()) candidate.definition.where = index["where"];
  return candidate;
}

std::vector<std::string> ddl_of(const json& report) {
  std::vector<std::string> ddl;
  for (const auto& index : report["indexes"]) ddl.push_back(index["ddl"]);
  return ddl;
}

bool proposes(const json& report, const std::string& key) {
  for (const auto& index : report["indexes"])
    if (candidate_of(index).key() == key) return true;
  return false;
}

}  // namespace

TEST_CASE("audit of the Django log proposes composite, descending and partial indexes", "[pg][e2e]") {
  json report = audit_json("blog/logs/django.log");
  CHECK(report["version"] == 1);
  REQUIRE(report["indexes"].size() >= 3);

  bool composite = false, descending = false, partial = false;
  for (const auto& index : report["indexes"]) {
    composite = composite || index["columns"].size() > 1;
    partial = partial || !index["where"].is_null();
    for (const auto& column : index["columns"]) descending = descending || column["descending"].get<bool>();
    CHECK(index["size_bytes"].get<long long>() > 0);
    CHECK(index["cost_after"].get<double>() < index["cost_before"].get<double>());
    CHECK(!index["templates"].empty());
  }
  CHECK(composite);
  CHECK(descending);
  CHECK(partial);

  // The fixes the fixture's slow queries are known to need (fixtures/blog/README.md).
  CHECK(proposes(report, "blog_post (created_at DESC) WHERE published"));
  CHECK(proposes(report, "users_user (email)"));
  CHECK(proposes(report, "todos_todo (priority DESC) WHERE NOT is_completed"));
  CHECK(proposes(report, "blog_post (author_id, published_at DESC) WHERE published"));
  // A constant seen in one call only never becomes a partial index's WHERE.
  for (const auto& ddl : ddl_of(report)) CHECK(ddl.find("WHERE publisher_id = ") == std::string::npos);
}

TEST_CASE("no proposal is an index the database already has", "[pg][e2e]") {
  json report = audit_json("blog/logs/django.log");
  Session session(test_dsn(), {});
  std::vector<ExistingIndex> existing;
  std::vector<std::string> tables;
  for (const auto& index : report["indexes"])
    if (std::find(tables.begin(), tables.end(), index["table"]) == tables.end()) tables.push_back(index["table"]);
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) { existing = read_existing_indexes(tx, tables); });
  REQUIRE(existing.size() >= tables.size());  // at least the primary keys
  for (const auto& index : report["indexes"]) {
    INFO(index["ddl"]);
    CHECK(serving_index(candidate_of(index), existing) == nullptr);
  }
  // Django's foreign-key indexes were considered and recognised.
  bool fk_served = false;
  for (const auto& served : report["already_served"])
    fk_served = fk_served || served["existing_index"].get<std::string>().rfind("blog_post_author_id_", 0) == 0;
  CHECK(fk_served);
}

TEST_CASE("the PostgreSQL log of the same run gives the same advice", "[pg][e2e]") {
  json from_django = audit_json("blog/logs/django.log");
  json from_server = audit_json("blog/logs/postgresql.log");
  std::string why;
  bool agrees = advice_agrees(from_django, from_server, why);
  INFO(why);
  CHECK(agrees);
  bool template_replayed = false;
  for (const auto& tmpl : from_server["templates"]) {
    if (tmpl["replay"]["status"] == "analyzed") {
      template_replayed = true;
      CHECK(tmpl["replay"]["execution_ms"].get<double>() >= 0);
      CHECK(!tmpl["replay"]["plan_summary"].get<std::string>().empty());
    }
  }
  CHECK(template_replayed);
}

TEST_CASE("text report shows templates, DDL and diagnostics", "[pg][e2e]") {
  CommandResult result = run_pgadvisor("audit --db " + shell_quote(test_dsn()) + " --log " +
                                       shell_quote(fixture_path("blog/logs/postgresql.log")));
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("Slowest templates") != std::string::npos);
  CHECK(result.out.find("CREATE INDEX CONCURRENTLY IF NOT EXISTS") != std::string::npos);
  CHECK(result.out.find("not replayed: utility statement (VariableSetStmt)") != std::string::npos);
}

TEST_CASE("exit codes: usage 2, unreadable input or no connection 3", "[pg][cli]") {
  CHECK(run_pgadvisor("audit --log").exit_code == 2);
  CHECK(run_pgadvisor("audit --db x --log a --format yaml").exit_code == 2);
  CommandResult missing = run_pgadvisor("audit --db " + shell_quote(test_dsn()) + " --log /nonexistent.log");
  CHECK(missing.exit_code == 3);
  CHECK(missing.err.find("/nonexistent.log") != std::string::npos);
  CommandResult no_server = run_pgadvisor("audit --db 'host=/nonexistent port=1 password=sekrit' --log " +
                                          shell_quote(fixture_path("blog/logs/django.log")));
  CHECK(no_server.exit_code == 3);
  CHECK(no_server.err.find("cannot connect") != std::string::npos);
  CHECK(no_server.err.find("sekrit") == std::string::npos);
  CHECK(run_pgadvisor("--version").out.find("pgadvisor ") == 0);
}
