// The .sql reader reads a script a window at a time: whatever the window, it must read the same
// statements and diagnostics as when it sees the whole script at once. Checked on random scripts
// made of the pieces that take each path of the reader (parse errors, psql meta-commands, COPY
// data, text the scanner cannot read, quotes and comments that never end, BEGIN ATOMIC bodies,
// NUL bytes), the smallest windows cutting the script everywhere.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "plans/log/sql_file_reader.hpp"

using namespace pgadvisor;

namespace {

const std::vector<std::string> kPieces = {
    "SELECT 1;",
    "SELECT a FROM t WHERE b = 'x;y';",
    "SELEC 1;",
    "SELECT (;",
    ";",
    "\n",
    " ",
    "\\echo hi\n",
    "SELECT :v\n\\gset\n",
    "COPY t (a) FROM stdin;\n1\n2\n\\.\n",
    "COPY t FROM stdin;\n0001_initial\n\\.\n",
    "0001_initial\n",
    "/* c; */",
    "-- c;\n",
    "'never ends",
    "/* never ends",
    "$$a; b$$",
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;",
    "SELECT 1.5e5;",
    "INSERT INTO t VALUES (1), (2);",
    "SELECT \"q;\" FROM t",
    "UPDATE t SET a = 1 WHERE b IN (SELECT c FROM u);\n",
    std::string(1, '\0'),
    "\\.\n",
    "\"never",
    "$$never",
    "BEGIN;",
    ")",
    "(",
    "SELECT :'v';",
    "\r\n",
    "CREATE PROCEDURE p() BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; END;",
    "COPY t FROM stdin;",
    "E'\\u12'",
    "SELECT 1 \\gset\n",
};

std::string random_script(std::mt19937& random) {
  std::uniform_int_distribution<size_t> count(1, 30);
  std::uniform_int_distribution<size_t> pick(0, kPieces.size() - 1);
  std::string script;
  for (size_t i = count(random); i > 0; --i) script += kPieces[pick(random)];
  return script;
}

// Everything the reader handed over, one line per item, in order.
std::string read_with_window(const std::string& script, size_t first_window) {
  std::ostringstream out;
  const LogSink sink{
      [&out](Statement&& s) { out << "statement " << s.line << ": " << s.sql << "\n"; },
      [&out](Diagnostic&& d) {
        out << "diagnostic " << d.line << ": " << d.message << " [" << d.statement << "]\n";
      }};
  std::istringstream in(script);
  read_sql_file(in, "script.sql", sink, first_window);
  return out.str();
}

}  // namespace

TEST_CASE("sql file: what is read does not depend on the window", "[log][sql][limits]") {
  std::mt19937 random(16);
  for (int i = 0; i < 1000; ++i) {
    const std::string script = random_script(random);
    INFO("script: " << script);
    const std::string whole = read_with_window(script, size_t{1} << 20);
    CHECK(read_with_window(script, 1) == whole);
    CHECK(read_with_window(script, 7) == whole);
  }
}
