// Tests of the Django `django.db.backends` log reader on the blog app's captured run
// (fixtures/blog/logs: django.log from Django 3.2, postgresql.log from PostgreSQL of the same run).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "plans/log/django_reader.hpp"
#include "plans/log/stderr_reader.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

TEST_CASE("django: one statement per record, args cut off, duration in ms", "[log][django]") {
  const auto read = read_fixture_log(read_django_log, "fixtures/blog/logs/django.log");
  REQUIRE(read.statements.size() == 84);
  CHECK(read.diagnostics.empty());

  const Statement& first = read.statements[0];
  CHECK(first.sql ==
        "SELECT \"blog_post\".\"id\", \"blog_post\".\"author_id\", \"blog_post\".\"title\", "
        "\"blog_post\".\"slug\", \"blog_post\".\"body\", \"blog_post\".\"published\", "
        "\"blog_post\".\"created_at\", \"blog_post\".\"published_at\", "
        "\"blog_post\".\"view_count\" FROM \"blog_post\" WHERE \"blog_post\".\"published\" "
        "ORDER BY \"blog_post\".\"created_at\" DESC LIMIT 20");
  CHECK(first.line == 1);
  CHECK(first.source == "fixtures/blog/logs/django.log");
  CHECK(first.params.empty());
  CHECK(first.session.empty());
  CHECK(first.timestamp.empty());

  const Statement& author = read.statements[3];
  CHECK(author.sql ==
        "SELECT \"blog_author\".\"id\", \"blog_author\".\"name\", \"blog_author\".\"email\" FROM "
        "\"blog_author\" WHERE \"blog_author\".\"id\" = 511 LIMIT 21");
  CHECK(author.line == 4);

  // args holding a datetime repr: only "; args=..." goes, the interpolated SQL stays whole.
  const Statement& count = read.statements[40];
  CHECK(count.line == 41);
  CHECK(count.sql ==
        "SELECT COUNT(*) AS \"__count\" FROM \"users_user\" WHERE (\"users_user\".\"created\" >= "
        "'2024-01-01T00:00:00+00:00'::timestamptz AND \"users_user\".\"is_active\")");

  // Times change with every capture: each statement is checked against the line it came from,
  // where Django wrote the seconds with three decimals.
  const std::vector<std::string> raw = source_lines("fixtures/blog/logs/django.log");
  REQUIRE(raw.size() == 84);
  for (const Statement& s : read.statements) {
    INFO("statement at line " << s.line);
    REQUIRE(s.line >= 1);
    REQUIRE(static_cast<size_t>(s.line) <= raw.size());
    const std::string record = "(" + fixed(s.duration_ms / 1000, 3) + ") " + s.sql + "; args=";
    CHECK(raw[s.line - 1].rfind(record, 0) == 0);
    CHECK(s.duration_ms == Approx(std::round(s.duration_ms)).margin(1e-9));  // whole ms
  }
}

TEST_CASE("django: the Django log and the PostgreSQL log of the same run hold the same SQL",
          "[log][django][stderr]") {
  const auto django = read_fixture_log(read_django_log, "fixtures/blog/logs/django.log");
  const auto postgres = read_fixture_log(read_stderr_log, "fixtures/blog/logs/postgresql.log");
  REQUIRE(postgres.diagnostics.empty());
  // Django runs SET TIME ZONE when it opens the connection, outside its debug cursor, so only
  // PostgreSQL logs it; every other statement is the same text in the same order, and the run
  // was in autocommit, so PostgreSQL logged no BEGIN/COMMIT that Django would not show.
  REQUIRE(postgres.statements.size() == django.statements.size() + 1);
  CHECK(postgres.statements[0].sql == "SET TIME ZONE 'UTC'");
  for (size_t i = 0; i < django.statements.size(); ++i) {
    const Statement& in_django = django.statements[i];
    const Statement& in_postgres = postgres.statements[i + 1];
    INFO("Django record at line " << in_django.line);
    CHECK(in_django.sql == in_postgres.sql);
    // Django times the whole round trip around what the server timed, rounded to the ms.
    CHECK(in_postgres.duration_ms <= in_django.duration_ms + 0.5 + 1e-9);
  }
  const auto selects = [](const std::vector<Statement>& statements) {
    return std::count_if(statements.begin(), statements.end(),
                         [](const Statement& s) { return s.sql.rfind("SELECT", 0) == 0; });
  };
  CHECK(selects(django.statements) == 63);
  CHECK(selects(postgres.statements) == 63);
}

TEST_CASE("django: lines that are no Django record are diagnostics with their line",
          "[log][django]") {
  const auto read = read_fixture_log(read_django_log, "fixtures/blog/logs/postgresql.log");
  CHECK(read.statements.empty());
  REQUIRE(read.diagnostics.size() == 85);
  CHECK(read.diagnostics[0].line == 1);
  CHECK(read.diagnostics[84].line == 85);
  CHECK(read.diagnostics[0].source == "fixtures/blog/logs/postgresql.log");
  CHECK(read.diagnostics[0].message.rfind("not a Django SQL log record: 2026-11-22", 0) == 0);
}

TEST_CASE("django: Django 4 alias, multi-line SQL, foreign lines after a record",
          "[log][django]") {
  // The captured log is Django 3.2 with one-line SQL only; these records have the Django 4+ shape
  // written by debug_sql's "(%.3f) %s; args=%s; alias=%s", a SQL that spans lines and holds
  // "; args=" in a literal (repeated in the args), and a line from another logger.
  std::istringstream in(
      "(0.001) SELECT \"blog_author\".\"id\" FROM \"blog_author\" WHERE \"blog_author\".\"id\" = "
      "511 LIMIT 21; args=(511,); alias=default\n"
      "(0.012) SELECT name\n"
      "  FROM blog_tag\n"
      " WHERE name = 'a; args=b'; args=('a; args=b',); alias=default\n"
      "Watching for file changes with StatReloader\n"
      "\n"
      "(0.000) BEGIN; args=None; alias=default\n");
  const auto read = read_log(read_django_log, in, "django4");
  REQUIRE(read.statements.size() == 3);
  CHECK(read.statements[0].sql ==
        "SELECT \"blog_author\".\"id\" FROM \"blog_author\" WHERE \"blog_author\".\"id\" = 511 "
        "LIMIT 21");
  CHECK(read.statements[1].sql == "SELECT name\n  FROM blog_tag\n WHERE name = 'a; args=b'");
  CHECK(read.statements[1].line == 2);
  CHECK(read.statements[1].duration_ms == Approx(12.0));
  CHECK(read.statements[2].sql == "BEGIN");
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].line == 5);
}
