// The .sql reader on damaged scripts: NUL bytes, a quote that never ends, errors at a ';',
// statements without a keyword, a BEGIN ATOMIC body before an error. Each bad part is a
// diagnostic with its line, and the statements around it are read.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "plans/log/sql_file_reader.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

CollectedLog read_script(const std::string& script) {
  std::istringstream in(script);
  return read_log(read_sql_file, in, "script.sql");
}

// The bytes of a literal, NUL bytes included.
template <size_t N>
std::string bytes(const char (&text)[N]) {
  return std::string(text, N - 1);
}

std::vector<std::string> sql_of(const CollectedLog& read) {
  std::vector<std::string> sql;
  for (const Statement& statement : read.statements) sql.push_back(statement.sql);
  return sql;
}

}  // namespace

TEST_CASE("sql file: a NUL byte is a diagnostic, the statements after it are read",
          "[log][sql]") {
  const auto read = read_script(bytes("SELECT 1;\nSELECT 'a\0b';\nSELECT 3;\n"
                                      "SELECT\n  4 /* \0 */ + 1\n;\nSELECT 5;\n"));
  CHECK(sql_of(read) == std::vector<std::string>{"SELECT 1", "SELECT 3", "SELECT 5"});
  CHECK(read.statements[1].line == 3);
  CHECK(read.statements[2].line == 7);
  REQUIRE(read.diagnostics.size() == 2);
  CHECK(read.diagnostics[0].source == "script.sql");
  CHECK(read.diagnostics[0].line == 2);
  CHECK(read.diagnostics[0].message.rfind("NUL byte in the text (column 10)", 0) == 0);
  CHECK(read.diagnostics[1].line == 5);
}

TEST_CASE("sql file: a quote that never ends runs to the end of the script", "[log][sql]") {
  const auto read = read_script("SELECT 1;\nSELECT 'abc\nSELECT 2;\n");
  CHECK(sql_of(read) == std::vector<std::string>{"SELECT 1"});
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].line == 2);
  CHECK(read.diagnostics[0].message.rfind("does not parse: unterminated quoted string", 0) == 0);
  CHECK(read.diagnostics[0].statement == "SELECT 'abc\nSELECT 2;");
}

TEST_CASE("sql file: an error at a semicolon is the statement it ends", "[log][sql]") {
  const auto read = read_script("SELECT 1 FROM;\nSELECT 2;\n");
  CHECK(sql_of(read) == std::vector<std::string>{"SELECT 2"});
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].statement == "SELECT 1 FROM");
}

TEST_CASE("sql file: a statement without a keyword is a diagnostic of its own", "[log][sql]") {
  const auto read = read_script("SELECT 1;\nfoo bar;\nSELECT 2;\n");
  CHECK(sql_of(read) == std::vector<std::string>{"SELECT 1", "SELECT 2"});
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].line == 2);
  CHECK(read.diagnostics[0].statement == "foo bar");
}

TEST_CASE("sql file: a parenthesis left open takes the rest, as psql does", "[log][sql]") {
  const auto read = read_script("SELECT (1;\nSELECT 2;\n");
  CHECK(read.statements.empty());
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].statement == "SELECT (1;\nSELECT 2;");
}

TEST_CASE("sql file: a BEGIN ATOMIC body stays whole before an error", "[log][sql]") {
  const std::string function =
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n"
      "  SELECT CASE WHEN true THEN 2 END;\nEND";
  const auto read = read_script(function + ";\nSELEC 3;\nSELECT 4;\n");
  CHECK(sql_of(read) == std::vector<std::string>{function, "SELECT 4"});
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].line == 6);
  CHECK(read.diagnostics[0].statement == "SELEC 3");
}
