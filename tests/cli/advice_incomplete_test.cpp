// "Nothing to do" is never said when nothing was checked: the wrong database, a log of only DDL
// and a role that may not create hypopg each end the audit with exit 5, a headline in every
// report format naming the cause, and a line on standard error; --accept-partial exits 0 with
// the same headline. The header names the database actually used, also from PG* variables.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

constexpr int kIncomplete = 5;

std::string audit_arguments(const std::string& dsn, const std::string& log, const std::string& extra) {
  return "audit -q --db " + shell_quote(dsn) + " --log " + shell_quote(log) + " " + extra;
}

// Every format of one audit carries the headline `needle`; the JSON's gaps are returned.
json check_every_format(const std::string& arguments, const std::string& needle) {
  ScratchDirectory scratch;
  for (const std::string format : {"text", "markdown", "html"}) {
    const std::string path = scratch.path + "/report." + format;
    CommandResult result = run_pgadvisor(arguments + " --format " + format + " -o " + path);
    INFO(format << ": " << result.err);
    CHECK(result.exit_code == kIncomplete);
    CHECK_THAT(result.err, Catch::Contains("pgadvisor: advice incomplete: ") && Catch::Contains(needle));
    const std::string report = read_text_file(path);
    CHECK_THAT(report, Catch::Contains(format == "text" ? "ADVICE INCOMPLETE: " : "Advice incomplete:"));
    CHECK_THAT(report, Catch::Contains(needle));
    if (format != "html") CHECK(report.find(needle) < 1500);  // a headline: at the top, before any section
  }
  CommandResult result = run_pgadvisor(arguments + " --format json");
  INFO(result.err);
  CHECK(result.exit_code == kIncomplete);
  json report = json::parse(result.out);
  REQUIRE_FALSE(report["incomplete"].empty());
  CommandResult accepted = run_pgadvisor(arguments + " --format json --accept-partial");
  CHECK(accepted.exit_code == 0);
  CHECK(json::parse(accepted.out)["incomplete"] == report["incomplete"]);
  return report;
}

// key=value pairs of Session::connected_to().
std::string field(const std::string& connected_to, const std::string& key) {
  size_t at = connected_to.find(key + "=");
  REQUIRE(at != std::string::npos);
  at += key.size() + 1;
  return connected_to.substr(at, connected_to.find(' ', at) - at);
}

struct EnvironmentVariable {
  std::string name;
  EnvironmentVariable(std::string key, const std::string& value) : name(std::move(key)) {
    ::setenv(name.c_str(), value.c_str(), 1);
  }
  ~EnvironmentVariable() { ::unsetenv(name.c_str()); }
};

}  // namespace

TEST_CASE("a log audited against the wrong database is incomplete, not 'nothing to do'", "[pg][cli][incomplete]") {
  const std::string wrong = scratch_database("pgadvisor_scratch_wrong", "CREATE TABLE unrelated (id int)");
  json report = check_every_format(audit_arguments(wrong, fixture_path("blog/logs/django.log"), ""),
                                   "relations the log names do not exist in dbname=");
  CHECK(report["indexes"].empty());
  CHECK_THAT(report["incomplete"].dump(), Catch::Contains("exist in dbname=pgadvisor_scratch_wrong "));
  CHECK_THAT(report["database"].get<std::string>(), Catch::StartsWith("dbname=pgadvisor_scratch_wrong "));
}

TEST_CASE("a log of only DDL is incomplete: nothing could be replayed", "[pg][cli][incomplete]") {
  ScratchDirectory scratch;
  const std::string log = scratch.path + "/ddl.sql";
  std::ofstream(log) << "CREATE TABLE audit_t (a int);\nALTER TABLE audit_t ADD COLUMN b int;\nDROP TABLE audit_t;\n";
  check_every_format(audit_arguments(test_dsn(), log, ""), "DDL, utility or transaction statements");
}

TEST_CASE("a role that may not create hypopg gets an incomplete audit naming hypopg", "[pg][cli][incomplete]") {
  const std::string dsn = scratch_database(
      "pgadvisor_scratch_nohypopg",
      "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pgadvisor_no_create') THEN "
      "CREATE ROLE pgadvisor_no_create LOGIN; END IF; END $$;\n"
      "CREATE TABLE orders (id int PRIMARY KEY, customer int, note text);\n"
      "INSERT INTO orders SELECT g, g % 500, md5(g::text) FROM generate_series(1, 20000) g;\n"
      "ANALYZE orders;\n"
      "GRANT SELECT ON orders TO pgadvisor_no_create;\n");
  ScratchDirectory scratch;
  const std::string log = scratch.path + "/orders.sql";
  std::ofstream(log) << "SELECT * FROM orders WHERE customer = 42;\n";
  Session admin(dsn, {});
  const std::string where = admin.connected_to();
  // the login comes from the PG* variables, the database from the connection string's absence
  EnvironmentVariable host("PGHOST", field(where, "host")), port("PGPORT", field(where, "port")),
      user("PGUSER", "pgadvisor_no_create"), database("PGDATABASE", "pgadvisor_scratch_nohypopg");
  const std::string arguments = "audit -q --log " + shell_quote(log) + " --replay-role ''";
  json report = check_every_format(arguments, "permission denied to create extension");
  CHECK_THAT(report["database"].get<std::string>(),
             Catch::Contains("dbname=pgadvisor_scratch_nohypopg") && Catch::Contains("user=pgadvisor_no_create"));
  CHECK(report["templates"][0]["replay"]["status"] == "analyzed");
}
