// The statement filter's pure logic: log times and their zones, time windows compared on the
// log's clock or as instants, repeated values, the fields a source lacks, pgadvisor's own
// statements. The captured shared log is filtered end to end in tests/cli/filters_test.cpp.
#include <catch2/catch.hpp>

#include "plans/workload/log_time.hpp"
#include "plans/workload/statement_filter.hpp"

using namespace pgadvisor;

namespace {

Statement statement(const std::string& database, const std::string& user, const std::string& application,
                    const std::string& timestamp) {
  Statement s;
  s.sql = "SELECT 1";
  s.database = database;
  s.user = user;
  s.application = application;
  s.timestamp = timestamp;
  return s;
}

LogTime option_time(const std::string& text) {
  auto time = parse_time_option(text);
  REQUIRE(time);
  return *time;
}

}  // namespace

TEST_CASE("log times read their zone", "[filters][log_time]") {
  auto paris = parse_log_time("2026-12-07 03:40:01.250 CET");
  REQUIRE(paris);
  CHECK(paris->zone_state == ZoneState::Known);
  CHECK(paris->offset_seconds == 3600);
  CHECK(*paris->instant() == Approx(*parse_log_time("2026-12-07 02:40:01.250 UTC")->instant()));
  CHECK(parse_log_time("2026-06-30 12:00:00 +0530")->offset_seconds == 5 * 3600 + 1800);
  CHECK(parse_log_time("2026-06-30T12:00:00Z")->instant() == parse_log_time("2026-06-30 12:00:00 GMT")->instant());
  auto chicago_or_china = parse_log_time("2026-06-30 12:00:00 CST");
  REQUIRE(chicago_or_china);
  CHECK(chicago_or_china->zone_state == ZoneState::Unresolved);
  CHECK_FALSE(chicago_or_china->instant());
  auto epoch = parse_log_time("1782820800.123");  // %n
  REQUIRE(epoch);
  CHECK(*epoch->instant() == Approx(1782820800.123));
  CHECK_FALSE(parse_log_time("yesterday"));
  CHECK_FALSE(parse_log_time("2026-02-30 12:00:00 UTC"));
}

TEST_CASE("option times: a date alone, a clock, a zone", "[filters][log_time]") {
  CHECK(option_time("2026-06-30").wall_seconds == option_time("2026-06-30 00:00:00").wall_seconds);
  CHECK(option_time("2026-06-30 12:00").wall_seconds == option_time("2026-06-30T12:00:00").wall_seconds);
  CHECK(option_time("2026-06-30 12:00").zone_state == ZoneState::None);
  CHECK(option_time("2026-06-30T12:00:00+02:00").instant() == option_time("2026-06-30 10:00:00 UTC").instant());
  for (const char* bad : {"", "2026", "2026-13-01", "2026-06-31", "2026-06-30 25:00", "2026-06-30 12:00 CST",
                          "2026-06-30 12:00:00 nowhere", "30/06/2026", "2026-06-30 12"})
    CHECK_FALSE(parse_time_option(bad));
}

TEST_CASE("each option keeps any of its values, and all options must pass", "[filters]") {
  StatementFilterOptions options;
  options.databases = {"shop", "wiki"};
  options.users = {"alice"};
  StatementFilter filter(options);
  CHECK(filter.keep(statement("shop", "alice", "web", "")));
  CHECK(filter.keep(statement("wiki", "alice", "web", "")));
  CHECK_FALSE(filter.keep(statement("wiki", "bob", "web", "")));
  CHECK_FALSE(filter.keep(statement("blog", "alice", "web", "")));
  CHECK(filter.end_source("a.log", LogFormat::Stderr).empty());
  Diagnostics summary = filter.summary();
  REQUIRE(summary.size() == 2);
  CHECK(summary[0].source == "filters");
  CHECK(summary[0].message == "1 statements skipped by --database shop, wiki");
  CHECK(summary[1].message == "1 statements skipped by --user alice");
}

TEST_CASE("pgadvisor's own statements are skipped unless asked for", "[filters]") {
  StatementFilter plain({});
  CHECK_FALSE(plain.keep(statement("shop", "alice", "pgadvisor", "")));
  CHECK(plain.keep(statement("shop", "alice", "psql", "")));
  Statement tagged = statement("shop", "alice", "", "");  // a log without %a
  tagged.sql = "/* pgadvisor */ EXPLAIN (ANALYZE, BUFFERS) SELECT 1";
  CHECK_FALSE(plain.keep(tagged));
  REQUIRE(plain.summary().size() == 1);
  CHECK(plain.summary()[0].message ==
        "2 statements of pgadvisor's own skipped (application_name pgadvisor or a /* pgadvisor */ comment)");

  StatementFilterOptions asked;
  asked.applications = {"pgadvisor"};
  StatementFilter filter(asked);
  CHECK(filter.keep(statement("shop", "alice", "pgadvisor", "")));
  CHECK_FALSE(filter.skip_own());
}

TEST_CASE("a time without zone is the log's clock, with a zone an instant", "[filters]") {
  StatementFilterOptions clock;
  clock.since = option_time("2026-12-07 03:00:00");
  clock.until = option_time("2026-12-07 04:00:00");
  StatementFilter on_clock(clock);
  CHECK(on_clock.keep(statement("", "", "", "2026-12-07 03:00:00.000 CET")));   // since is inclusive
  CHECK(on_clock.keep(statement("", "", "", "2026-12-07 03:30:00.000 CST")));   // unresolved, yet on its clock
  CHECK_FALSE(on_clock.keep(statement("", "", "", "2026-12-07 04:00:00.000 CET")));  // until is exclusive
  CHECK_FALSE(on_clock.keep(statement("", "", "", "2026-12-07 02:59:59.999 CET")));
  CHECK(on_clock.end_source("a.log", LogFormat::Stderr).empty());

  StatementFilterOptions instant;
  instant.since = option_time("2026-12-07T02:00:00Z");  // 03:00 in Paris, in winter
  StatementFilter as_instant(instant);
  CHECK(as_instant.keep(statement("", "", "", "2026-12-07 03:00:00.000 CET")));
  CHECK_FALSE(as_instant.keep(statement("", "", "", "2026-12-07 02:59:00.000 CET")));
  CHECK(as_instant.keep(statement("", "", "", "2026-12-07 02:00:00.000 UTC")));
  CHECK_FALSE(as_instant.keep(statement("", "", "", "2026-12-07 09:00:00.000 CST")));
  Diagnostics diagnostics = as_instant.end_source("a.log", LogFormat::Stderr);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message.find("--since: the log's time zone 'CST' is ambiguous or unknown") == 0);
  CHECK(diagnostics[0].message.find("1 statements skipped") != std::string::npos);
}

TEST_CASE("a source without the field cannot be filtered: its statements are skipped, said once", "[filters]") {
  StatementFilterOptions options;
  options.users = {"alice"};
  options.since = option_time("2026-12-07");
  StatementFilter filter(options);
  for (int i = 0; i < 3; ++i) CHECK_FALSE(filter.keep(statement("", "", "", "")));
  Diagnostics diagnostics = filter.end_source("queries.log", LogFormat::Django);
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].source == "queries.log");
  CHECK(diagnostics[0].message == "--user: the Django log has no user; the filter cannot apply: its 3 statements are skipped");
  CHECK(diagnostics[1].message == "--since: the Django log has no time; the window cannot apply: its 3 statements are skipped");
  // the next source starts afresh
  CHECK(filter.keep(statement("shop", "alice", "web", "2026-12-07 10:00:00 UTC")));
  CHECK(filter.end_source("server.log", LogFormat::Stderr).empty());

  StatementFilterOptions app;
  app.applications = {"web"};
  StatementFilter pgss(app, "pg_stat_statements entries");
  CHECK_FALSE(pgss.keep(statement("shop", "alice", "", "")));
  diagnostics = pgss.end_source("pg_stat_statements", std::nullopt);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message ==
        "--application: pg_stat_statements has no application_name; the filter cannot apply: its 1 pg_stat_statements "
        "entries are skipped");
}
