// Tests of the .sql script reader on real scripts: the blog fixture's pg_dump output
// (fixtures/blog/schema.sql, with COPY ... FROM stdin data) and an extension script shipped by
// Debian's postgresql-15 (fixtures/logs/sql, see the README.md there).
#include <catch2/catch.hpp>

#include <string>

#include "plans/log/sql_file_reader.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

TEST_CASE("sql file: pg_dump output, COPY data skipped", "[log][sql]") {
  const auto read = read_fixture_log(read_sql_file, "fixtures/blog/schema.sql");
  CHECK(read.diagnostics.empty());
  const auto raw = source_lines("fixtures/blog/schema.sql");
  REQUIRE(read.statements.size() > 50);
  for (const Statement& s : read.statements) {
    INFO("statement at line " << s.line << ": " << s.sql);
    REQUIRE(s.line >= 1);
    // Each statement starts at the start of the line it names, as pg_dump writes them.
    CHECK(raw[s.line - 1].rfind(s.sql.substr(0, s.sql.find('\n')), 0) == 0);
    CHECK(s.sql.back() != ';');
    CHECK(s.duration_ms < 0);
  }
  CHECK(read.statements[0].sql == "SET statement_timeout = 0");
  CHECK(read.statements[0].line == 9);
  int copies = 0;
  for (size_t i = 0; i < read.statements.size(); ++i) {
    if (read.statements[i].sql.rfind("COPY public.django_content_type ", 0) != 0) continue;
    ++copies;
    CHECK(read.statements[i].line == 758);
    // The next statement is the first one after the data's "\." line.
    REQUIRE(i + 1 < read.statements.size());
    CHECK(read.statements[i + 1].sql.rfind("COPY public.django_migrations ", 0) == 0);
    CHECK(read.statements[i + 1].line == 776);
    REQUIRE(i + 2 < read.statements.size());
    CHECK(read.statements[i + 2].sql ==
          "SELECT pg_catalog.setval('public.django_content_type_id_seq', 10, true)");
  }
  CHECK(copies == 1);
}

TEST_CASE("sql file: an extension script, its psql meta-command a diagnostic", "[log][sql]") {
  const char* const path = "fixtures/logs/sql/pg_stat_statements--1.4.sql";
  const auto read = read_fixture_log(read_sql_file, path);
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].line == 4);
  CHECK(read.diagnostics[0].message == "psql meta-command, not SQL");
  CHECK(read.diagnostics[0].statement.rfind(
            "\\echo Use \"CREATE EXTENSION pg_stat_statements\"", 0) == 0);

  REQUIRE(read.statements.size() == 5);
  CHECK(read.statements[0].sql ==
        "CREATE FUNCTION pg_stat_statements_reset()\nRETURNS void\nAS 'MODULE_PATHNAME'\n"
        "LANGUAGE C PARALLEL SAFE");
  CHECK(read.statements[0].line == 7);
  CHECK(read.statements[0].source == path);
  CHECK(read.statements[1].sql.rfind(
            "CREATE FUNCTION pg_stat_statements(IN showtext boolean,", 0) == 0);
  CHECK(read.statements[2].sql.rfind("CREATE VIEW pg_stat_statements AS", 0) == 0);
  CHECK(read.statements[3].sql == "GRANT SELECT ON pg_stat_statements TO PUBLIC");
  CHECK(read.statements[4].sql == "REVOKE ALL ON FUNCTION pg_stat_statements_reset() FROM PUBLIC");
  const auto raw = source_lines(path);
  for (const Statement& s : read.statements) {
    CHECK(raw[s.line - 1].rfind(s.sql.substr(0, 10), 0) == 0);
  }
}

TEST_CASE("sql file: data.sql's psql variables and meta-commands are diagnostics", "[log][sql]") {
  const auto read = read_fixture_log(read_sql_file, "fixtures/blog/data.sql");
  REQUIRE_FALSE(read.diagnostics.empty());
  CHECK(read.diagnostics[0].line == 13);  // \set ON_ERROR_STOP 1
  CHECK(read.diagnostics[0].message == "psql meta-command, not SQL");
  REQUIRE(read.statements.size() == 11);
  CHECK(read.statements[0].sql == "SET client_min_messages = warning");
  CHECK(read.statements[0].line == 23);
  // The query ended by \gset uses :scale, a diagnostic up to its \gset line; the function
  // after it is read.
  CHECK(read.diagnostics[9].line == 27);
  CHECK(read.diagnostics[9].message == "does not parse: syntax error at or near \":\"");
  const std::string& gset = read.diagnostics[9].statement;
  CHECK(gset.substr(gset.size() - 6) == "\n\\gset");
  CHECK(read.statements[3].line == 38);
  CHECK(read.statements[3].sql.rfind("CREATE FUNCTION pg_temp.r(i bigint, salt bigint)", 0) == 0);
  // The query that \gexec runs (the statistics targets) is read up to its \gexec line.
  const Statement& gexec = read.statements[read.statements.size() - 2];
  CHECK(gexec.line == 201);
  CHECK(gexec.sql.rfind("SELECT format('ALTER TABLE %s ALTER COLUMN %I SET STATISTICS 2000'", 0) == 0);
  CHECK(read.statements.back().sql == "VACUUM ANALYZE");
  CHECK(read.statements.back().line == 208);
}
