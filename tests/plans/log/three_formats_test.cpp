// The same traffic logged at once as stderr, csvlog and jsonlog (fixtures/blog/capture-formats):
// the three readers must give the same statements, in the same order, with the same durations and
// parameters; plus a few exact values, and the extras (quotes and newlines in a statement,
// log_statement = 'all' with log_duration, EXECUTE of a PREPAREd statement, parameters cut
// short by log_parameter_max_length).
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "plans/log/csvlog_reader.hpp"
#include "plans/log/jsonlog_reader.hpp"
#include "plans/log/stderr_reader.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

struct ThreeLogs {
  CollectedLog stderr_log;
  CollectedLog csv;
  CollectedLog json;
};

ThreeLogs read_three(const std::string& name) {
  const std::string base = "fixtures/blog/logs/formats/" + name;
  return {read_fixture_log(read_stderr_log, base + ".log"),
          read_fixture_log(read_csvlog, base + ".csv"),
          read_fixture_log(read_jsonlog, base + ".json")};
}

// Sessions are pids in stderr and session ids in the others: numbered by first appearance.
std::vector<int> session_numbers(const std::vector<Statement>& statements) {
  std::map<std::string, int> seen;
  std::vector<int> out;
  for (const Statement& statement : statements) {
    out.push_back(seen.emplace(statement.session, static_cast<int>(seen.size())).first->second);
  }
  return out;
}

void check_same(const CollectedLog& expected, const CollectedLog& actual) {
  REQUIRE(actual.statements.size() == expected.statements.size());
  CHECK(session_numbers(actual.statements) == session_numbers(expected.statements));
  for (size_t i = 0; i < expected.statements.size(); ++i) {
    const Statement& want = expected.statements[i];
    const Statement& got = actual.statements[i];
    INFO("statement " << i << ": " << want.sql);
    CHECK(got.sql == want.sql);
    CHECK(got.params == want.params);
    CHECK(got.duration_ms == want.duration_ms);
    CHECK(got.timestamp == want.timestamp);
    CHECK(got.user == want.user);
    CHECK(got.database == want.database);
    CHECK(got.truncated == want.truncated);
  }
  REQUIRE(actual.diagnostics.size() == expected.diagnostics.size());
  for (size_t i = 0; i < expected.diagnostics.size(); ++i) {
    CHECK(actual.diagnostics[i].message == expected.diagnostics[i].message);
    CHECK(actual.diagnostics[i].statement == expected.diagnostics[i].statement);
  }
}

}  // namespace

TEST_CASE("three formats: the Django traffic gives the same statements", "[log][formats]") {
  const ThreeLogs logs = read_three("postgresql");
  CHECK(logs.stderr_log.diagnostics.empty());
  CHECK(logs.stderr_log.statements.size() == 85);  // every line of the log is one statement
  check_same(logs.stderr_log, logs.csv);
  check_same(logs.stderr_log, logs.json);

  // Golden values, from the first lines of the three files.
  const std::vector<std::string> lines = source_lines("fixtures/blog/logs/formats/postgresql.log");
  REQUIRE(!lines.empty());
  const Statement& first_csv = logs.csv.statements[0];
  CHECK(first_csv.sql == "SET TIME ZONE 'UTC'");
  CHECK(lines[0].find("duration: " + fixed(first_csv.duration_ms, 3) + " ms  statement: SET") !=
        std::string::npos);
  CHECK(lines[0].find(first_csv.timestamp) == 0);
  CHECK(first_csv.user == "postgres");
  CHECK(first_csv.database == "blog");
  CHECK(first_csv.line == 1);
  CHECK(first_csv.source == "fixtures/blog/logs/formats/postgresql.csv");
  CHECK(first_csv.session.find('.') != std::string::npos);   // a session id, "6b028835.7207"
  CHECK(logs.stderr_log.statements[0].application.empty());  // not in this log_line_prefix
  for (const CollectedLog* log : {&logs.csv, &logs.json}) {
    for (const Statement& statement : log->statements) CHECK(statement.application == "");
  }
}

TEST_CASE("three formats: quotes, newlines, log_statement = 'all', EXECUTE, cut parameters",
          "[log][formats]") {
  const ThreeLogs logs = read_three("extras");
  check_same(logs.stderr_log, logs.csv);
  check_same(logs.stderr_log, logs.json);
  const std::vector<Statement>& got = logs.csv.statements;
  REQUIRE(got.size() == 11);

  // A multi-line statement with doubled quotes in SQL and CSV-doubled double quotes.
  CHECK(got[0].sql ==
        "SELECT id, title\nFROM blog_post\nWHERE title <> 'it''s a \"quoted\",\n"
        "two-line title'\nORDER BY id LIMIT 2;");
  CHECK(got[0].duration_ms == 1.287);
  CHECK(got[0].line == 1);
  CHECK(got[1].line == 6);  // the first record spans lines 1-5
  CHECK(got[0].application == "psql");
  // EXECUTE post_by_id(7) with its DETAIL (prepare: ...) is the prepared query, 7 its $1.
  CHECK(got[2].sql == "SELECT id, title FROM blog_post WHERE id = $1;");
  CHECK(got[2].params == std::vector<StatementParam>{"7"});

  // log_statement = 'all' + log_duration: the bare "duration: X ms" that follows is attached.
  CHECK(got[3].sql == "SELECT count(*) FROM blog_post WHERE published;");
  CHECK(got[3].duration_ms == 53.971);
  CHECK(got[4].sql == "SELECT id, email\nFROM users_user WHERE id = 3;");
  CHECK(got[4].duration_ms == 0.492);
  CHECK(got[6].sql == "SELECT id, email FROM users_user WHERE id = $1;");
  CHECK(got[6].params == std::vector<StatementParam>{"11"});
  CHECK(got[6].duration_ms == 0.169);
  // pgbench -M prepared under log_statement = 'all': the bare durations of parse and bind come
  // before the execute and are not counted; the one after it is its duration.
  CHECK(got[7].sql == "SELECT id, title FROM blog_post WHERE id = $1 AND title <> $2;");
  CHECK(got[7].params == std::vector<StatementParam>{"64991", "not-this-title"});
  CHECK(got[7].duration_ms == 0.136);
  CHECK(got[8].params == std::vector<StatementParam>{"54635", "not-this-title"});
  CHECK(got[8].duration_ms == 0.043);

  // log_parameter_max_length = 4: values logged cut short, "...", marked truncated.
  for (size_t i = 0; i < got.size(); ++i) CHECK(got[i].truncated == (i >= 9));
  CHECK(got[9].params == std::vector<StatementParam>{"6499...", "not-..."});
  CHECK(got[9].duration_ms == 0.038);
  CHECK(got[10].params == std::vector<StatementParam>{"5463...", "not-..."});
  REQUIRE(logs.csv.diagnostics.size() == 2);
  CHECK(logs.csv.diagnostics[0].message.find("log_parameter_max_length") != std::string::npos);
  CHECK(logs.csv.diagnostics[0].statement == got[9].sql);
  CHECK(logs.csv.diagnostics[0].line == 26);         // the csv record of the first cut execute
  CHECK(logs.stderr_log.diagnostics[0].line == 32);  // its DETAIL line in the stderr log
}
