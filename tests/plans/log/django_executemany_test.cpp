// Tests of executemany records in the Django log reader, and of the Python repr reader behind
// them, on fixtures/logs/captured/django_executemany.log (Django 3.2, psycopg2 2.9; see the
// README.md there for the script that wrote it).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "plans/log/django_reader.hpp"
#include "plans/log/python_repr.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

const char* const kLog = "fixtures/logs/captured/django_executemany.log";

std::vector<StatementParam> texts(std::vector<StatementParam> values) { return values; }

}  // namespace

TEST_CASE("django executemany: one statement per row, %s as $n, values as params",
          "[log][django]") {
  const auto read = read_fixture_log(read_django_log, kLog);
  const auto raw = source_lines(kLog);
  REQUIRE(raw.size() == 9);
  // 3 ORM queries, 4 + 2 executemany rows, 2 bulk_create INSERTs; the rows holding a datetime
  // and a date are diagnostics.
  REQUIRE(read.statements.size() == 11);
  REQUIRE(read.diagnostics.size() == 2);

  const std::string insert = "INSERT INTO blog_author (name, email) VALUES ($1, $2)";
  for (int i = 3; i < 7; ++i) {
    CHECK(read.statements[i].sql == insert);
    CHECK(read.statements[i].line == 4);
  }
  CHECK(read.statements[3].params == texts({"Ann O'Neil", "ann@example.org"}));
  CHECK(read.statements[4].params == texts({"Zo\xc3\xab \"Z\" Back\\slash", "zoe@example.org"}));
  CHECK(read.statements[5].params == texts({"two\nlines", ""}));
  CHECK(read.statements[6].params == texts({"100% sure", "pct@example.org"}));
  // The record's time is shared by its rows: "(0.001)" over 4 rows.
  const std::string seconds = raw[3].substr(1, raw[3].find(')') - 1);
  CHECK(read.statements[3].duration_ms == Approx(std::stod(seconds) * 1000 / 4));

  // %% is a percent sign; None is NULL; Decimal and float as written.
  const Statement& numbers = read.statements[7];
  CHECK(numbers.sql == "SELECT $1::numeric, $2::float8, $3::text WHERE 'a%b' LIKE 'a%'");
  CHECK(numbers.line == 6);
  CHECK(numbers.params == texts({"12.50", "1.5e-07", std::nullopt}));
  CHECK(read.statements[8].params == texts({"-3", "2.0", "x"}));

  // datetime and date reprs cannot be passed safely: one diagnostic per record, no statement.
  CHECK(read.diagnostics[0].line == 5);
  CHECK(read.diagnostics[0].message.find("datetime.datetime(2024, 6, 30, 12, 0") !=
        std::string::npos);
  CHECK(read.diagnostics[0].statement.rfind("UPDATE blog_post SET view_count", 0) == 0);
  CHECK(read.diagnostics[1].line == 7);
  CHECK(read.diagnostics[1].message.find("datetime.date(2024, 6, 30)") != std::string::npos);

  // Ordinary records stay as they were: interpolated SQL, no params, even with % in the args.
  CHECK(read.statements[2].line == 3);
  CHECK(read.statements[2].params.empty());
  CHECK(read.statements[2].sql.find("LIKE '%100\\% \"O''%'") != std::string::npos);
  // bulk_create is one execute of a multi-row INSERT.
  CHECK(read.statements[9].line == 8);
  CHECK(read.statements[9].params.empty());
  CHECK(read.statements[9].sql.rfind(
            "INSERT INTO \"blog_publisher\" (\"name\") VALUES ('Bulk One'), ('Bulk ''Two''')",
            0) == 0);
  CHECK(read.statements[10].line == 9);
}

TEST_CASE("python repr: the values Django prints as args", "[log][django]") {
  // The args of the captured log's records, read back.
  const auto raw = source_lines(kLog);
  const std::string args = raw[3].substr(raw[3].find("; args=") + 7);
  const auto rows = parse_python_repr(args);
  REQUIRE(rows);
  REQUIRE(rows->kind == PythonKind::Sequence);
  REQUIRE(rows->items.size() == 4);
  CHECK(rows->items[0].items[0].text == "Ann O'Neil");

  CHECK_FALSE(parse_python_repr("<generator object <genexpr> at 0x7f3b>"));
  CHECK_FALSE(parse_python_repr("[(1, 'a'), (2, 'b'"));
  CHECK_FALSE(parse_python_repr("('unterminated)"));
  CHECK_FALSE(parse_python_repr("(1, 2) trailing"));
  const auto escapes = parse_python_repr("('\\x00\\t\\u00e9\\U0001f600',)");
  REQUIRE(escapes);
  CHECK(escapes->items[0].text == std::string("\0\t\xc3\xa9\xf0\x9f\x98\x80", 8));
  const auto other = parse_python_repr("(b'\\x00', {'a': 1}, -inf, nan, True)");
  REQUIRE(other);
  CHECK(other->items[0].kind == PythonKind::Other);
  CHECK(other->items[1].kind == PythonKind::Other);
  CHECK(python_value_as_param(other->items[2]) == std::optional<StatementParam>("-inf"));
  CHECK(python_value_as_param(other->items[3]) == std::optional<StatementParam>("nan"));
  CHECK(python_value_as_param(other->items[4]) == std::optional<StatementParam>("true"));
  CHECK_FALSE(python_value_as_param(other->items[0]));
}

TEST_CASE("python repr: nesting deeper than Python prints is refused, not a crash",
          "[log][django]") {
  CHECK(parse_python_repr(std::string(900, '(') + std::string(900, ')')));
  CHECK_FALSE(parse_python_repr(std::string(1000000, '(') + std::string(1000000, ')')));
}
