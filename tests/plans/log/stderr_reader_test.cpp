// Tests of the PostgreSQL stderr log reader on captured logs: pgBadger's test logs
// (fixtures/logs/pgbadger) and the blog app's run (fixtures/blog/logs). The captures of
// fixtures/logs/captured are read in stderr_extended_protocol_test.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "plans/log/stderr_reader.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

CollectedLog read_stderr_fixture(const std::string& relative) {
  return read_fixture_log(read_stderr_log, relative);
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<int> diagnostic_lines(const CollectedLog& read) {
  std::vector<int> lines;
  for (const Diagnostic& d : read.diagnostics) lines.push_back(d.line);
  return lines;
}

}  // namespace

TEST_CASE("stderr: one statement per 'duration: statement:' line, prefix '%m [%p] '",
          "[log][stderr]") {
  const auto read = read_stderr_fixture("fixtures/logs/pgbadger/stmt_type.log");
  REQUIRE(read.statements.size() == 12);
  CHECK(read.diagnostics.empty());
  const Statement& update = read.statements[4];
  CHECK(update.sql == "UPDATE test SET col1='forêt & océan' WHERE col2 = 1;");
  CHECK(update.duration_ms == Approx(1.452));
  CHECK(update.session == "5143");
  CHECK(update.timestamp == "2019-10-21 12:03:34.123 MSK");
  CHECK(update.user.empty());
  CHECK(update.database.empty());
  CHECK(update.params.empty());
  CHECK(update.source == "fixtures/logs/pgbadger/stmt_type.log");
  CHECK(update.line == 5);
  CHECK(read.statements.back().sql == "COMMIT;");
  CHECK(read.statements.back().line == 12);
}

TEST_CASE("stderr: execute takes its DETAIL parameters, parse and bind are not statements",
          "[log][stderr]") {
  // Prefix '%m [%p] user=%u,db=%d '; parameter values hold a newline, logged as newline + tab.
  const auto read = read_stderr_fixture("fixtures/logs/pgbadger/multiline_param.log");
  REQUIRE(read.statements.size() == 5);
  CHECK(read.diagnostics.empty());
  CHECK(read.statements[2].sql == "BEGIN WORK");
  CHECK(read.statements[2].params.empty());
  const Statement& first = read.statements[3];
  CHECK(first.sql ==
        "SELECT t.oid FROM pg_catalog.pg_type t, pg_catalog.pg_namespace n WHERE (n.nspname = "
        "'njcat') AND (t.typnamespace = $1) AND (t.typname = $2) AND t.test = $3");
  CHECK(first.line == 8);
  CHECK(first.duration_ms == Approx(0.215));
  CHECK(first.params == std::vector<StatementParam>{"1234", "njchar\nhello", "aaaa"});
  CHECK(first.user == "user1");
  CHECK(first.database == "mydb");
  CHECK(read.statements[4].line == 14);
  CHECK(read.statements[4].duration_ms == Approx(0.131));
  CHECK(read.statements[4].params == std::vector<StatementParam>{"1234", "njvarchar\nbye", "iiii"});
}

TEST_CASE("stderr: multi-line statements, ERROR, STATEMENT, HINT, DETAIL are not statements",
          "[log][stderr]") {
  // Prefix '%m [%p] [queryid=%Q] %q%u@%d '. Five continuation lines of this log are indented
  // with spaces, not the tab PostgreSQL writes: they are diagnostics, and when one follows a
  // statement the diagnostic says the statement may be cut short.
  const auto read = read_stderr_fixture("fixtures/logs/pgbadger/queryid.log");
  REQUIRE(read.statements.size() == 20);
  CHECK(diagnostic_lines(read) == std::vector<int>{26, 36, 38, 41, 43});

  const Statement& psql_d = read.statements[1];
  CHECK(psql_d.line == 2);
  CHECK(psql_d.duration_ms == Approx(25.450));
  CHECK(psql_d.user == "postgres");
  CHECK(psql_d.database == "stackoverflow");
  CHECK(std::count(psql_d.sql.begin(), psql_d.sql.end(), '\n') == 12);
  const std::string head = "SELECT n.nspname as \"Schema\",\n  c.relname as \"Name\",\n  CASE";
  CHECK(psql_d.sql.rfind(head, 0) == 0);
  const std::string tail = "\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 1,2;";
  CHECK(psql_d.sql.substr(psql_d.sql.size() - tail.size()) == tail);

  // "select * from t1;" appears three times: twice as STATEMENT: of a lock wait, once executed.
  const auto t1 = std::count_if(read.statements.begin(), read.statements.end(),
                                [](const Statement& s) { return s.sql == "select * from t1;"; });
  CHECK(t1 == 1);
  CHECK(read.statements[17].sql == "select * from t1;");
  CHECK(read.statements[17].duration_ms == Approx(13556.339));
  CHECK(read.statements[17].session == "2129");
  // "execute foo(1);" with "DETAIL:  prepare: prepare foo (int) as select $1;"
  CHECK(read.statements.back().sql == "select $1;");
  CHECK(read.statements.back().params == std::vector<StatementParam>{"1"});

  const Diagnostic& after_statement = read.diagnostics[0];
  CHECK(after_statement.source == "fixtures/logs/pgbadger/queryid.log");
  CHECK(after_statement.message.find("cut short") != std::string::npos);
  CHECK(after_statement.statement == read.statements[4].sql);
  CHECK(read.statements[4].line == 25);
  CHECK(read.diagnostics[1].message.find("cut short") == std::string::npos);  // after STATEMENT:
}

TEST_CASE("stderr: lines without a log_line_prefix are diagnostics", "[log][stderr]") {
  // Prefix '%m [%p] %q%u@%d '; pg_ctl wrote two lines of its own into the log.
  const auto read = read_stderr_fixture("fixtures/logs/pgbadger/pg_rawcsv.log");
  CHECK(read.statements.empty());
  REQUIRE(diagnostic_lines(read) == std::vector<int>{3, 4});
  CHECK(read.diagnostics[0].message.find("pg_ctl: could not start server") != std::string::npos);
  CHECK(read.diagnostics[0].statement.empty());
}

TEST_CASE("stderr: a prefix it does not know ('%t [%p]: [%l-1] ...') gives one diagnostic a line",
          "[log][stderr]") {
  const auto read = read_stderr_fixture("fixtures/logs/pgbadger/postgresql_param_range.log");
  CHECK(read.statements.empty());
  REQUIRE(diagnostic_lines(read) == std::vector<int>{1, 2, 3, 4, 5, 6});
  CHECK(read.diagnostics[1].message.find("[248-1]") != std::string::npos);
  CHECK(read.diagnostics[1].message.find('\r') == std::string::npos);  // the log has CRLF ends
}

TEST_CASE("stderr: pgbench -M extended and -M prepared, every execute with its parameter",
          "[log][stderr]") {
  // The blog app's pgbench run: 72 executions of three one-parameter queries as unnamed
  // statements (-M extended), then 72 as named ones P_0..P_2 (-M prepared). Each is logged as
  // parse (once per connection for named ones), bind + DETAIL, execute + DETAIL. Pids, times
  // and the interleaving of clients change with every capture, so each statement is checked
  // against the very lines it was read from.
  const std::string path = "fixtures/blog/logs/pgbench_extended.log";
  const auto read = read_stderr_fixture(path);
  const std::vector<std::string> raw = source_lines(path);
  REQUIRE(read.statements.size() == 144);
  CHECK(read.diagnostics.empty());
  int unnamed = 0;
  int named = 0;
  for (const Statement& s : read.statements) {
    INFO("statement at line " << s.line);
    REQUIRE(s.params.size() == 1);
    REQUIRE(s.params[0].has_value());
    REQUIRE(s.line >= 1);
    REQUIRE(static_cast<size_t>(s.line) < raw.size());
    const std::string& line = raw[s.line - 1];
    const std::string prefix = s.timestamp + " [" + s.session + "] postgres@blog ";
    CHECK(line.rfind(prefix + "LOG:  duration: " + fixed(s.duration_ms, 3) + " ms  execute ", 0) ==
          0);
    CHECK(ends_with(line, ": " + s.sql));
    CHECK(raw[s.line] == prefix + "DETAIL:  parameters: $1 = '" + *s.params[0] + "'");
    unnamed += line.find("execute <unnamed>: ") != std::string::npos;
    named += line.find("execute P_") != std::string::npos;
  }
  CHECK(unnamed == 72);
  CHECK(named == 72);
  const std::string by_id =
      "SELECT id, title, slug, published, created_at FROM blog_post WHERE id = $1;";
  CHECK(std::count_if(read.statements.begin(), read.statements.end(),
                      [&](const Statement& s) { return s.sql == by_id; }) == 48);
  // pgbench's random ids come from a fixed seed: the first execution of each mode reads post
  // 64991.
  CHECK(read.statements[0].sql == by_id);
  CHECK(read.statements[0].params == std::vector<StatementParam>{"64991"});
  CHECK(read.statements[72].sql == by_id);
  CHECK(read.statements[72].params == std::vector<StatementParam>{"64991"});
}
