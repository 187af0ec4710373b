// Tests of the csvlog reader beyond the captured logs of three_formats_test.cpp: CSV quoting
// (doubled quotes, newlines, commas inside a field), short and malformed records, blank lines,
// the DETAIL column, and line detection.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "plans/log/csvlog_reader.hpp"
#include "plans/log/log_file.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

// A PostgreSQL 15 csvlog record (26 fields) with the given session, message and detail fields,
// already quoted as CSV.
std::string record(const std::string& session, const std::string& message,
                   const std::string& detail = "") {
  return "2024-06-30 10:00:00.001 UTC,\"app\",\"shop\",7,\"[local]\"," + session +
         ",1,\"SELECT\",2024-06-30 10:00:00 UTC,3/0,0,LOG,00000," + message + "," + detail +
         ",,,,,,,,\"psql, the client\",\"client backend\",,0\n";
}

}  // namespace

TEST_CASE("csvlog: quoted fields with quotes, commas and newlines", "[log][csvlog]") {
  std::istringstream in(
      record("a.7", "\"duration: 1.000 ms  statement: SELECT 'a,\"\"b\"\"'\n\nFROM t\"") + "\n" +
      record("a.8", "\"execute S_1: SELECT $1, $2\"", "\"parameters: $1 = 'it''s', $2 = NULL\"") +
      record("a.8", "\"duration: 0.500 ms\""));
  const CollectedLog read = read_log(read_csvlog, in, "t.csv");
  CHECK(read.diagnostics.empty());
  REQUIRE(read.statements.size() == 2);
  CHECK(read.statements[0].sql == "SELECT 'a,\"b\"'\n\nFROM t");
  CHECK(read.statements[0].application == "psql, the client");
  CHECK(read.statements[0].line == 1);
  CHECK(read.statements[1].line == 5);  // the first record spans 3 lines, then a blank line
  CHECK(read.statements[1].params == std::vector<StatementParam>{"it's", std::nullopt});
  CHECK(read.statements[1].duration_ms == 0.5);  // log_statement + log_duration
}

TEST_CASE("csvlog: short and malformed records are diagnostics", "[log][csvlog]") {
  std::istringstream in("a,b,c\n" + record("a.7", "\"statement: SELECT 1\"") +
                        "2024-06-30 10:00:00 UTC,\"bad\"quote,x\n" +
                        record("a.9", "\"duration: 2 ms  statement: SELECT 2\"") +
                        "2024-06-30 10:00:00.001 UTC,\"app\",\"a quoted field that never ends\n");
  const CollectedLog read = read_log(read_csvlog, in, "t.csv");
  REQUIRE(read.statements.size() == 2);
  CHECK(read.statements[0].sql == "SELECT 2");
  CHECK(read.statements[0].line == 4);
  // SELECT 1 waited for a bare duration (log_statement style) until the end.
  CHECK(read.statements[1].sql == "SELECT 1");
  CHECK(read.statements[1].duration_ms < 0);
  REQUIRE(read.diagnostics.size() == 3);
  CHECK(read.diagnostics[0].line == 1);
  CHECK(read.diagnostics[0].message.find("3 fields, at least 23 expected") != std::string::npos);
  CHECK(read.diagnostics[1].line == 3);
  CHECK(read.diagnostics[1].message.find("not a csvlog record") == 0);
  CHECK(read.diagnostics[2].line == 5);
  CHECK(read.diagnostics[2].message.find("cut short") != std::string::npos);
}

TEST_CASE("csvlog: line detection", "[log][csvlog]") {
  CHECK(is_csvlog_line("2026-11-22 06:14:24.455 UTC,\"postgres\",\"blog\",29221,"));
  CHECK(is_csvlog_line("2026-11-22 06:14:24 CET,,,29221,"));
  CHECK_FALSE(is_csvlog_line("2026-11-22 06:14:24.455 UTC [29221] LOG:  x, y"));
  CHECK_FALSE(is_csvlog_line("(0.002) SELECT 1, 2; args=()"));
  CHECK_FALSE(is_csvlog_line("{\"timestamp\":\"2026-11-22 06:14:24.455 UTC\"}"));
}

TEST_CASE("csvlog: a quoted time field is detected and read (pgBadger's csv log of statements)",
          "[log][csvlog]") {
  CollectedLog read;
  read_log_file(source_path("fixtures/logs/pgbadger/csv_statement_without_duration.log"),
                LogFormat::Auto, collecting_sink(read));
  CHECK(read.diagnostics.empty());
  REQUIRE(read.statements.size() == 2);
  CHECK(read.statements[0].sql ==
        "SELECT example_schema.slow_table.id FROM example_schema.slow_table");
  CHECK(read.statements[0].duration_ms == 688786.283);
  CHECK(read.statements[0].timestamp == "2026-05-16 05:11:50.269 UTC");
  CHECK(read.statements[0].application == "example app");
  CHECK(read.statements[1].sql == "SELECT example_schema.health_check()");
  CHECK(read.statements[1].duration_ms < 0);
  CHECK(read.statements[1].line == 2);
  CHECK(is_csvlog_line("\"2026-05-16 05:11:50.269 UTC\",\"u\",\"d\",1"));
  CHECK_FALSE(is_csvlog_line("\"2026-05-16 05:11:50.269 UTC,\"u\""));
}
