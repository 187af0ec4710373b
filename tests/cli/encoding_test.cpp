// Every byte survives every writer: the encoding fixture's real logs hold Latin-1 bytes in
// statements, in a logged bind parameter and in Django's args=(...). Replay and audit exit 0,
// every format is written and valid (the JSON parses, the HTML opens in headless Chromium, the
// Django migration imports), and each such byte is the same visible escape \xNN everywhere.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "plans/json_text.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

// The shop of fixtures/encoding: a SQL_ASCII database, which takes Latin-1 bytes as they are.
// Dropped at the end with its pg_stat_statements entries, whose Latin-1 texts would stop any
// other database of the sandbox from reading pg_stat_statements.
struct ShopDatabase {
  std::string dsn;
  ShopDatabase() {
    const std::string admin = admin_dsn_for("postgres");
    run_psql(admin, "DROP DATABASE IF EXISTS pgadvisor_scratch_shop WITH (FORCE)");
    // entries a shop of an earlier run left behind, if it ended without the destructor
    run_psql(admin, "SELECT pg_stat_statements_reset(0, dbid, 0) FROM (SELECT DISTINCT dbid FROM "
                    "pg_stat_statements(false)) AS s WHERE dbid NOT IN (SELECT oid FROM pg_database)");
    run_psql(admin,
             "CREATE DATABASE pgadvisor_scratch_shop ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
    dsn = admin_dsn_for("pgadvisor_scratch_shop");
    run_psql(dsn, read_text_file(fixture_path("encoding/schema.sql")));
  }
  ~ShopDatabase() {
    run_shell("/usr/lib/postgresql/15/bin/psql -X -q -d " + shell_quote(admin_dsn_for("postgres")) +
              " -c \"SELECT pg_stat_statements_reset(0, oid, 0) FROM pg_database WHERE datname = "
              "'pgadvisor_scratch_shop'\" -c 'DROP DATABASE IF EXISTS pgadvisor_scratch_shop WITH (FORCE)' "
              ">/dev/null 2>&1");
  }
};

bool valid_utf8(const std::string& text) { return visible_utf8(text) == text; }

}  // namespace

TEST_CASE("a Latin-1 server log is replayed and reported whole in every format", "[pg][encoding]") {
  const ShopDatabase shop;
  const std::string& dsn = shop.dsn;
  ScratchDirectory scratch;
  const std::string log = shell_quote(fixture_path("encoding/latin1.log"));
  const std::string base = "-q --db " + shell_quote(dsn) + " --log " + log;

  CommandResult replay = run_pgadvisor("replay " + base + " --samples all -o " + scratch.path + "/w.json");
  INFO(replay.err);
  REQUIRE(replay.exit_code == 0);
  const json workload = json::parse(read_text_file(scratch.path + "/w.json"));
  std::string statements;
  for (const auto& tmpl : workload["templates"])
    for (const auto& sample : tmpl["samples"]) {
      statements += sample["statement"].dump() + "\n";
      CHECK(sample["replay"]["status"] == "analyzed");
    }
  INFO(statements);
  CHECK(workload["templates"].size() == 3);  // pgbench's bound statement is one with psql's first
  CHECK_THAT(statements, Catch::Contains(R"(WHERE name = 'Ren\\xE9 5')"));  // in a statement
  CHECK_THAT(statements, Catch::Contains(R"(["Fran\\xE7ois 11"])"));        // in a parameter

  for (const std::string format : {"json", "text", "markdown", "html"}) {
    const std::string path = scratch.path + "/report." + format;
    CommandResult audit = run_pgadvisor("audit " + base + " --format " + format + " -o " + path);
    INFO(format << ": " << audit.err);
    CHECK(audit.exit_code == 0);
    const std::string report = read_text_file(path);
    CHECK(valid_utf8(report));
    CHECK_THAT(report, Catch::Contains("CREATE INDEX"));
    if (format == "json") {
      const json parsed = json::parse(report);
      CHECK(parsed["indexes"].size() == 2);  // costed by hypopg with a stand-in for each Latin-1 byte
      CHECK_THAT(parsed.dump(), Catch::Contains(R"(city = 'K\\xF6ln')"));
    }
  }
  const std::string profile = scratch.path + "/chromium", dom = scratch.path + "/dom.html";
  REQUIRE(run_shell("timeout -k 5 60 chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
                "--no-first-run --user-data-dir=" + shell_quote(profile) + " --dump-dom file://" + scratch.path +
                "/report.html >" + dom + " 2>/dev/null") == 0);
  CHECK_THAT(read_text_file(dom), Catch::Contains("pgadvisor_scratch_shop") && Catch::Contains("Proposed"));

  CommandResult sql = run_pgadvisor("audit " + base + " --migration sql -o " + scratch.path + "/indexes.sql");
  INFO(sql.err);
  CHECK(sql.exit_code == 0);
  CHECK(valid_utf8(read_text_file(scratch.path + "/indexes.sql")));
}

TEST_CASE("a Django log written in Latin-1 keeps its bytes", "[pg][encoding]") {
  const std::string base = "-q --db " + shell_quote(test_dsn()) + " --log " +
                           shell_quote(fixture_path("encoding/django_latin1.log"));
  CommandResult audit = run_pgadvisor("audit " + base + " --format json");
  INFO(audit.err);
  REQUIRE(audit.exit_code == 0);  // the UTF-8 database refuses the Latin-1 lookups: one template of five
  CHECK(valid_utf8(audit.out));
  const json report = json::parse(audit.out);
  CHECK_THAT(report.dump(), Catch::Contains(R"(ren\\xE9@example.com)"));
  bool refused = false;
  for (const auto& tmpl : report["templates"])
    if (tmpl["sample"].dump().find("\\\\xE9") != std::string::npos)
      refused = tmpl["replay"]["status"] == "failed" &&
                tmpl["replay"]["diagnostic"]["message"].get<std::string>().find("invalid byte sequence") != std::string::npos;
  CHECK(refused);
}

TEST_CASE("a Django migration made from a Latin-1 log imports", "[pg][encoding]") {
  const ShopDatabase shop;
  const std::string& dsn = shop.dsn;
  ScratchDirectory scratch;
  const std::string config = scratch.path + "/pgadvisor.toml", migration = scratch.path + "/0001_pgadvisor.py";
  std::ofstream(config) << "[django.models]\ncustomers = \"shop.Customer\"\n";
  CommandResult django = run_pgadvisor("audit -q --db " + shell_quote(dsn) + " --log " +
                                       shell_quote(fixture_path("encoding/latin1.log")) + " --config " + config +
                                       " --migration django -o " + migration);
  INFO(django.err);
  REQUIRE(django.exit_code == 0);
  const std::string source = read_text_file(migration);
  INFO(source);
  CHECK(valid_utf8(source));
  CHECK_THAT(source, Catch::Contains("customers_city_idx"));
  CHECK(run_shell("cd " + scratch.path + " && PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -c "
              "'import importlib.util as u; s = u.spec_from_file_location(\"m\", \"0001_pgadvisor.py\"); "
              "m = u.module_from_spec(s); s.loader.exec_module(m); assert m.Migration.operations'") == 0);
}
