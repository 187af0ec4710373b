// Tests of the Django connection.queries reader on fixtures/logs/captured/django_queries.json,
// captured in the same run as django_executemany.log (see the README.md there).
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "plans/log/django_json_reader.hpp"
#include "plans/log/django_reader.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {
const char* const kDump = "fixtures/logs/captured/django_queries.json";
}

TEST_CASE("django json: one statement per query, executemany entries per row", "[log][django]") {
  const auto read = read_fixture_log(read_django_json, kDump);
  CHECK(read.diagnostics.empty());
  // 3 ORM queries, executemany of 4, 2, 2 and 1 rows, 2 bulk_create INSERTs.
  REQUIRE(read.statements.size() == 14);

  // The same queries as the Django log of the same run, with the same times.
  const auto log =
      read_fixture_log(read_django_log, "fixtures/logs/captured/django_executemany.log");
  REQUIRE(log.statements.size() == 11);
  for (int i = 0; i < 3; ++i) {
    CHECK(read.statements[i].sql == log.statements[i].sql);
    CHECK(read.statements[i].duration_ms == Approx(log.statements[i].duration_ms));
    CHECK(read.statements[i].line == i + 1);
    CHECK(read.statements[i].source == kDump);
  }
  CHECK(read.statements[0].sql.rfind("SELECT \"blog_post\".\"id\", ", 0) == 0);

  for (int i = 3; i < 7; ++i) {
    CHECK(read.statements[i].sql == "INSERT INTO blog_author (name, email) VALUES ($1, $2)");
    CHECK(read.statements[i].params.empty());
    CHECK(read.statements[i].line == 4);
  }
  CHECK(read.statements[9].sql == "SELECT $1::numeric, $2::float8, $3::text WHERE 'a%b' LIKE 'a%'");
  CHECK(read.statements[11].sql.rfind("INSERT INTO blog_book", 0) == 0);
  CHECK(read.statements[11].line == 7);
  CHECK(read.statements[12].sql == log.statements[9].sql);
  CHECK(read.statements[13].line == 9);
}

TEST_CASE("django json: a cut or foreign file ends with a diagnostic", "[log][django]") {
  std::ostringstream whole;
  for (const std::string& line : source_lines(kDump)) whole << line << "\n";
  const std::string text = whole.str();
  // Cut inside the eighth entry: the statements of the seven before it are kept.
  const size_t sixth = text.find("{\"sql\": \"INSERT INTO \\\"blog_publisher");
  REQUIRE(sixth != std::string::npos);
  std::istringstream cut(text.substr(0, sixth + 20));
  const auto read = read_log(read_django_json, cut, "cut.json");
  CHECK(read.statements.size() == 3 + 4 + 2 + 2 + 1);
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].message.rfind("JSON that does not parse", 0) == 0);

  std::istringstream object(text.substr(1, text.find('}')));  // the first entry alone
  const auto not_array = read_log(read_django_json, object, "object.json");
  CHECK(not_array.statements.empty());
  REQUIRE(not_array.diagnostics.size() == 1);
  CHECK(not_array.diagnostics[0].message.find("not an array") != std::string::npos);
}

TEST_CASE("django-json: an implausible executemany count is a diagnostic, not a long loop", "[log][django]") {
  // the input the django_json_reader fuzz target found hanging
  std::istringstream in(
      "[{\"sql\": \"0000000000008000000000000000 times: 00000000000000021\", \"time\": \"0.001\"}, "
      "{\"sql\": \"SELECT COUNT(*) AS \\\"__count\\\" FROM \\\"blog_publisher\\\"b000\"}]");
  pgadvisor::testing::CollectedLog log = pgadvisor::testing::read_log(pgadvisor::read_django_json, in, "fuzz.json");
  CHECK(log.statements.size() == 1);
  REQUIRE(log.diagnostics.size() == 1);
  CHECK(log.diagnostics[0].line == 1);
}
