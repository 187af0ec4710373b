// The limits on input (issue 16): a line over kMaxLineBytes (64 MiB) in any line-based format is
// skipped with a diagnostic naming the source and line, in bounded memory, and reading goes on;
// so is a record of several lines over kMaxRecordBytes. Memory is measured as the growth of the
// process's peak resident memory (tests/support/peak_memory): a bound, not a speed.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "plans/log/csvlog_reader.hpp"
#include "plans/log/django_reader.hpp"
#include "plans/log/jsonlog_reader.hpp"
#include "plans/log/line_reader.hpp"
#include "plans/log/log_file.hpp"
#include "plans/log/sql_file_reader.hpp"
#include "plans/log/stderr_reader.hpp"
#include "tests/support/generated_stream.hpp"
#include "tests/support/log_test_support.hpp"
#include "tests/support/peak_memory.hpp"
#include "tests/support/temp_dir.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

// Reading a line over the limit holds at most the limit (64 MiB, and as much again while its
// buffer grows): far less than the line.
constexpr double kLongLineGrowthMiB = 150;

const size_t kOverLimit = kMaxLineBytes + 1024 * 1024;  // a line 1 MiB over the limit

std::string stderr_line(int second, const std::string& sql) {
  return "2024-06-30 12:00:0" + std::to_string(second) + ".000 UTC [42] LOG:  statement: " + sql;
}

bool is_long_line_diagnostic(const Diagnostic& diagnostic, const std::string& source, int line) {
  return diagnostic.source == source && diagnostic.line == line &&
         diagnostic.message.rfind("line longer than 64 MiB (the limit on a line): skipped", 0) == 0;
}

// Reads `parts` with `reader`, checking the memory it takes.
CollectedLog read_generated(LogReader reader, std::vector<TextPart> parts) {
  GeneratedStream in(std::move(parts));
  const PeakMemory memory;
  CollectedLog read = read_log(reader, in, "gen.log");
  INFO("peak memory growth " << memory.growth_mib() << " MiB");
  CHECK(memory.growth_mib() < kLongLineGrowthMiB);
  return read;
}

std::vector<std::string> sql_of(const CollectedLog& read) {
  std::vector<std::string> sql;
  for (const Statement& statement : read.statements) sql.push_back(statement.sql);
  return sql;
}

}  // namespace

TEST_CASE("limits: a 200 MB line without a newline is read in bounded memory",
          "[log][limits]") {
  const TempDir dir("limits");
  const std::string path = dir.file("long.log");
  {
    std::ofstream out(path, std::ios::binary);
    out << stderr_line(0, "SELECT 1") << "\n" << stderr_line(1, "SELECT '");
    const std::string mebibyte(1 << 20, 'x');
    for (int i = 0; i < 200; ++i) out << mebibyte;  // and no newline
    REQUIRE(out);
  }
  CollectedLog read;
  const PeakMemory memory;
  read_log_file(path, LogFormat::Auto, collecting_sink(read));  // detected as stderr
  const double growth = memory.growth_mib();
  INFO("peak memory growth " << growth << " MiB");
  CHECK(growth < kLongLineGrowthMiB);
  CHECK(sql_of(read) == std::vector<std::string>{"SELECT 1"});
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(is_long_line_diagnostic(read.diagnostics[0], path, 2));
}

TEST_CASE("limits: stderr goes on after a line over the limit", "[log][limits]") {
  const auto read = read_generated(read_stderr_log, {{stderr_line(0, "SELECT 1") + "\n"},
                                                     {stderr_line(1, "SELECT '")},
                                                     {"x", kOverLimit},
                                                     {"'\n" + stderr_line(2, "SELECT 3") + "\n"}});
  CHECK(sql_of(read) == std::vector<std::string>{"SELECT 1", "SELECT 3"});
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(is_long_line_diagnostic(read.diagnostics[0], "gen.log", 2));
}

TEST_CASE("limits: stderr leaves out the record a line over the limit continues",
          "[log][limits]") {
  const auto read = read_generated(
      read_stderr_log, {{stderr_line(0, "SELECT 1") + "\n"}, {stderr_line(1, "SELECT 2,") + "\n\t"},
                        {"x", kOverLimit},
                        {"\n\t, 4\n" + stderr_line(2, "SELECT 3") + "\n"}});
  CHECK(sql_of(read) == std::vector<std::string>{"SELECT 1", "SELECT 3"});
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(is_long_line_diagnostic(read.diagnostics[0], "gen.log", 3));
}

TEST_CASE("limits: stderr leaves out a record whose lines together are over the limit",
          "[log][limits]") {
  const std::string continuation = "\t" + std::string((1 << 20) - 2, 'x') + "\n";
  const auto read = read_generated(read_stderr_log, {{stderr_line(0, "SELECT 1") + "\n"},
                                                     {stderr_line(1, "SELECT 2") + "\n"},
                                                     {continuation, 70},
                                                     {stderr_line(2, "SELECT 3") + "\n"}});
  CHECK(sql_of(read) == std::vector<std::string>{"SELECT 1", "SELECT 3"});
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].line == 2);
  CHECK(read.diagnostics[0].message ==
        "log record longer than 64 MiB (the limit on a record): left out");
}

namespace {

std::string csv_record(const std::string& message) {
  return "2024-06-30 10:00:00.001 UTC,\"app\",\"shop\",7,\"[local]\",a.7,1,\"SELECT\","
         "2024-06-30 10:00:00 UTC,3/0,0,LOG,00000,\"" + message +
         "\",,,,,,,,,\"psql\",\"client backend\",,0\n";
}

}  // namespace

TEST_CASE("limits: csvlog goes on after a line over the limit", "[log][limits]") {
  const std::string record = csv_record("statement: SELECT 'x'");
  const auto read = read_generated(read_csvlog, {{csv_record("statement: SELECT 1")},
                                                 {record.substr(0, record.size() - 1)},
                                                 {"x", kOverLimit},
                                                 {"\n" + csv_record("statement: SELECT 3")}});
  CHECK(sql_of(read) == std::vector<std::string>{"SELECT 1", "SELECT 3"});
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(is_long_line_diagnostic(read.diagnostics[0], "gen.log", 2));
}

TEST_CASE("limits: csvlog leaves out a quoted field whose lines are over the limit",
          "[log][limits]") {
  const std::string line = std::string((1 << 20) - 1, 'x') + "\n";
  const std::string start = csv_record("statement: SELECT '");
  const auto read = read_generated(
      read_csvlog, {{csv_record("statement: SELECT 1")},
                    {start.substr(0, start.find("SELECT '") + 8) + "\n"},
                    {line, 70},
                    {"'" + start.substr(start.find("SELECT '") + 8)},
                    {csv_record("statement: SELECT 3")}});
  CHECK(sql_of(read) == std::vector<std::string>{"SELECT 1", "SELECT 3"});
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].line == 2);
  CHECK(read.diagnostics[0].message ==
        "csvlog record longer than 64 MiB (the limit on a record): left out");
}

TEST_CASE("limits: jsonlog goes on after a line over the limit", "[log][limits]") {
  const auto record = [](const std::string& message) {
    return R"({"timestamp":"2024-06-30 10:00:00.001 UTC","pid":7,"session_id":"a.7",)"
           R"("error_severity":"LOG","message":")" + message + "\"}";
  };
  const auto read = read_generated(read_jsonlog, {{record("statement: SELECT 1") + "\n"},
                                                  {record("statement: SELECT '")},
                                                  {"x", kOverLimit},
                                                  {"'\n" + record("statement: SELECT 3") + "\n"}});
  CHECK(sql_of(read) == std::vector<std::string>{"SELECT 1", "SELECT 3"});
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(is_long_line_diagnostic(read.diagnostics[0], "gen.log", 2));
}

TEST_CASE("limits: Django goes on after a line over the limit", "[log][limits]") {
  const auto read = read_generated(
      read_django_log, {{"(0.001) SELECT 1; args=()\n(0.002) SELECT 2,\n"},
                        {"x", kOverLimit},
                        {"\n3; args=()\nnot a record, skipped with it\n"
                         "(0.003) SELECT 3; args=()\n"}});
  CHECK(sql_of(read) == std::vector<std::string>{"SELECT 1", "SELECT 3"});
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(is_long_line_diagnostic(read.diagnostics[0], "gen.log", 3));
}

TEST_CASE("limits: Django leaves out a record whose lines are over the limit", "[log][limits]") {
  const auto read = read_generated(read_django_log,
                                   {{"(0.001) SELECT 1; args=()\n(0.002) SELECT 2,\n"},
                                    {std::string((1 << 20) - 1, 'x') + "\n", 70},
                                    {"3; args=()\n(0.003) SELECT 3; args=()\n"}});
  CHECK(sql_of(read) == std::vector<std::string>{"SELECT 1", "SELECT 3"});
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].line == 2);
  CHECK(read.diagnostics[0].message ==
        "Django SQL record longer than 64 MiB (the limit on a record): left out");
}

TEST_CASE("limits: a .sql file goes on after a line over the limit", "[log][limits]") {
  const auto read = read_generated(read_sql_file, {{"SELECT 1;\nSELECT '"},
                                                   {"x", kOverLimit},
                                                   {"';\nSELECT 3;\nSELECT\n"},
                                                   {"y", kOverLimit},
                                                   {"\n, 4;\nSELECT 5;\n"}});
  CHECK(sql_of(read) == std::vector<std::string>{"SELECT 1", "SELECT 3", "SELECT 5"});
  REQUIRE(read.diagnostics.size() == 2);
  CHECK(is_long_line_diagnostic(read.diagnostics[0], "gen.log", 2));
  CHECK(is_long_line_diagnostic(read.diagnostics[1], "gen.log", 5));
  CHECK(read.statements[1].line == 3);
  CHECK(read.statements[2].line == 7);
}

TEST_CASE("limits: a .sql statement over 1 MiB is left out", "[log][limits]") {
  const auto read = read_generated(read_sql_file, {{"SELECT 1;\nSELECT 2\n"},
                                                   {", 2\n", 300000},
                                                   {";\nSELECT 3;\n"}});
  CHECK(sql_of(read) == std::vector<std::string>{"SELECT 1", "SELECT 3"});
  REQUIRE(read.diagnostics.size() == 2);
  CHECK(read.diagnostics[0].line == 2);
  CHECK(read.diagnostics[0].message.rfind("statement longer than 1 MiB", 0) == 0);
  // Reading goes on at the next line after the limit: the rest does not parse.
  CHECK(read.diagnostics[1].message == "does not parse: syntax error at or near \",\"");
}
