// Tests of the jsonlog reader: PostgreSQL 15 jsonlog (fixtures/blog/logs/formats, see also
// three_formats_test.cpp) and CloudNativePG's wrapped records (fixtures/logs/pgbadger/cnpg.log.gz,
// read through read_log_file, gzip and format detection included), and bad lines.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "plans/log/jsonlog_reader.hpp"
#include "plans/log/log_file.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

TEST_CASE("jsonlog: CloudNativePG records, gzipped, detected", "[log][jsonlog]") {
  CollectedLog read;
  read_log_file(source_path("fixtures/logs/pgbadger/cnpg.log.gz"), LogFormat::Auto,
                collecting_sink(read));
  // 2022 lines: 1975 PostgreSQL records (400 of them "duration: X ms  statement: ..."), and the
  // instance manager's own messages, read and left alone.
  CHECK(read.diagnostics.empty());
  REQUIRE(read.statements.size() == 400);
  // The log is newest first; its first statement is on line 5.
  const Statement& first = read.statements[0];
  CHECK(first.sql == ";");
  CHECK(first.duration_ms == 0.097);
  CHECK(first.session == "6383b339.257");
  CHECK(first.timestamp == "2022-11-27 18:58:02.004 UTC");
  CHECK(first.user == "postgres");
  CHECK(first.database == "postgres");
  CHECK(first.application == "cnpg-instance-manager");
  bool found = false;
  for (const Statement& statement : read.statements) {
    if (statement.sql != "delete from states where name = 'America';") continue;
    found = true;
    CHECK(statement.database == "myapp");
    CHECK(statement.application == "psql");
    CHECK(statement.session == "6383b1e0.1d0");
    CHECK((statement.duration_ms == 0.811 || statement.duration_ms == 9.488));
  }
  CHECK(found);
}

TEST_CASE("jsonlog: a line that is not a JSON object is a diagnostic", "[log][jsonlog]") {
  std::istringstream in(
      "{\"timestamp\":\"2024-06-30 10:00:00.001 UTC\",\"user\":\"app\",\"dbname\":\"shop\","
      "\"pid\":7,\"session_id\":\"a.7\",\"error_severity\":\"LOG\","
      "\"message\":\"duration: 1.500 ms  statement: SELECT 1\"}\n"
      "\n"
      "not json at all\n"
      "[1, 2]\n"
      "{\"timestamp\":\"2024-06-30 10:00:00.002 UTC\",\"pid\":8,\"error_severity\":\"LOG\","
      "\"message\":\"duration: 2 ms  execute S_1: SELECT $1\",\"detail\":\"parameters: $1 = "
      "'x'\"}\n"
      "{\"timestamp\":\"2024-06-30 10:00:00.003 UTC\",\"pid\":8,\"error_severity\":\"LOG\","
      "\"message\":\"duration: 2 ms  plan:\\n{\\\"Plan\\\": {}}\"}\n");
  const CollectedLog read = read_log(read_jsonlog, in, "t.json");
  REQUIRE(read.statements.size() == 2);
  CHECK(read.statements[0].sql == "SELECT 1");
  CHECK(read.statements[0].session == "a.7");
  CHECK(read.statements[0].user == "app");
  CHECK(read.statements[1].session == "8");  // no session_id: the pid
  CHECK(read.statements[1].params == std::vector<StatementParam>{"x"});
  CHECK(read.statements[1].line == 5);
  REQUIRE(read.diagnostics.size() == 3);  // the last: an auto_explain plan without its query
  CHECK(read.diagnostics[0].line == 3);
  CHECK(read.diagnostics[0].message == "not a JSON log record: not json at all");
  CHECK(read.diagnostics[1].line == 4);
  CHECK(read.diagnostics[2].line == 6);
}

TEST_CASE("jsonlog: line detection", "[log][jsonlog]") {
  CHECK(is_jsonlog_line("{\"error_severity\":\"LOG\",\"message\":\"x\"}"));
  CHECK(is_jsonlog_line("{\"level\":\"info\",\"logger\":\"wal-archive\",\"msg\":\"x\"}"));
  CHECK_FALSE(is_jsonlog_line("{\"a\":1}"));
  CHECK_FALSE(is_jsonlog_line("{not json"));
  CHECK_FALSE(is_jsonlog_line("2024-06-30 10:00:00 UTC [7] LOG:  x"));
}
