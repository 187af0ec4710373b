// Tests of the compiled log_line_prefix on real logs from pgBadger's test suite
// (fixtures/logs/pgbadger, see its README.md for the prefix each was written with). Lines that
// are edited (a value with separators in it, a cut line) are edited in memory from real ones.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "plans/fatal_error.hpp"
#include "plans/log/log_file.hpp"
#include "plans/log/log_line_prefix_format.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

std::vector<std::string> lines_of(const std::string& relative) {
  std::vector<std::string> lines = source_lines(relative);
  for (std::string& line : lines) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
  }
  return lines;
}

std::string replaced(std::string line, const std::string& from, const std::string& to) {
  const size_t at = line.find(from);
  REQUIRE(at != std::string::npos);
  return line.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("prefix: %t [%p]: [%l-1] [%x] usr=%u,db=%d,appli=%a", "[log][prefix]") {
  const LogLinePrefixFormat format("%t [%p]: [%l-1] [%x] usr=%u,db=%d,appli=%a ");
  const auto lines = lines_of("fixtures/logs/pgbadger/postgresql_param_range.log");
  REQUIRE(lines.size() == 6);
  for (const std::string& line : lines) CHECK(format.parse(line).has_value());

  const auto first = format.parse(lines[0]);
  REQUIRE(first);
  CHECK(first->timestamp == "2023-03-07 09:06:08 CET");
  CHECK(first->pid == "130096");
  CHECK(first->user == "usr6");
  CHECK(first->database == "progdb");
  CHECK(first->application == "76ae131687c458a8");
  CHECK(first->severity == "LOG");
  CHECK(first->message.rfind("duration: 778.166 ms  execute <unnamed>: select ", 0) == 0);
  const auto detail = format.parse(lines[3]);
  REQUIRE(detail);
  CHECK(detail->pid == "2052");
  CHECK(detail->severity == "DETAIL");
  CHECK(detail->message.rfind("parameters: $1 = 'D17756227'", 0) == 0);

  // An application name with spaces and separators, a user with '@' and ',': each value ends
  // where the rest of the prefix and a severity still match.
  std::string edited = replaced(lines[0], "appli=76ae131687c458a8 ", "appli=my app, v2 [x] ");
  edited = replaced(edited, "usr=usr6,", "usr=a,b@c,");
  const auto odd = format.parse(edited);
  REQUIRE(odd);
  CHECK(odd->user == "a,b@c");
  CHECK(odd->database == "progdb");
  CHECK(odd->application == "my app, v2 [x]");
  CHECK(odd->severity == "LOG");

  // Malformed: cut inside the prefix, a pid that is not a number, no severity.
  CHECK_FALSE(format.parse(lines[0].substr(0, 40)));
  CHECK_FALSE(format.parse(replaced(lines[0], "[130096]", "[13x096]")));
  CHECK_FALSE(format.parse(replaced(lines[0], " LOG:  ", " LOG: ")));
  CHECK_FALSE(format.parse(""));
}

TEST_CASE("prefix: %t [%p]: db=%d,user=%u,app=%a,client=%h (begin_end.log)", "[log][prefix]") {
  const auto lines = lines_of("fixtures/logs/pgbadger/begin_end.log");
  REQUIRE(lines.size() == 24);
  const auto detected = detect_log_line_prefix(lines);
  REQUIRE(detected);
  CHECK(detected->escapes() == "%t [%p]: db=%d,user=%u,app=%a,client=%h ");
  for (const std::string& line : lines) CHECK(detected->parse(line).has_value());

  const auto received = detected->parse(lines[0]);
  REQUIRE(received);
  CHECK(received->pid == "30291");
  CHECK(received->user == "[unknown]");
  CHECK(received->database == "[unknown]");
  const auto gone = detected->parse(lines[2]);
  REQUIRE(gone);
  CHECK(gone->timestamp == "2021-02-14 01:34:02 CET");
  CHECK(gone->user == "postgres");
  CHECK(gone->database == "template1");
  CHECK(gone->application == "psql");
  CHECK(gone->message.rfind("disconnection: session time: 0:00:00.007", 0) == 0);
}

TEST_CASE("prefix: RDS %t:%r:%u@%d:[%p]: (rds.log, first 3000 lines)", "[log][prefix]") {
  const auto lines = lines_of("fixtures/logs/pgbadger/rds_head3000.log");
  REQUIRE(lines.size() == 3000);
  const std::vector<std::string> first(lines.begin(), lines.begin() + 50);
  const auto detected = detect_log_line_prefix(first);
  REQUIRE(detected);
  CHECK(detected->escapes() == "%t:%r:%u@%d:[%p]:");

  size_t gilles = 0;
  for (const std::string& line : lines) {
    const auto parsed = detected->parse(line);
    REQUIRE(parsed);
    if (parsed->user == "gilles" && parsed->database == "pgbench") ++gilles;
  }
  CHECK(gilles == 2584);

  const auto start = detected->parse(lines[0]);  // postmaster: no client, user nor database
  REQUIRE(start);
  CHECK(start->timestamp == "2020-03-11 20:40:43 CET");
  CHECK(start->pid == "12760");
  CHECK(start->user.empty());
  CHECK(start->database.empty());
  CHECK(start->message.rfind("starting PostgreSQL 12.2", 0) == 0);
  const auto update = detected->parse(lines[999]);
  REQUIRE(update);
  CHECK(update->pid == "14387");
  CHECK(update->user == "gilles");
  CHECK(update->database == "pgbench");
  CHECK(update->message.rfind("duration: 0.131 ms  statement: UPDATE pgbench_tellers", 0) == 0);
}

TEST_CASE("prefix: pgBadger's recommended prefix (light.postgres.log)", "[log][prefix]") {
  const auto lines = lines_of("fixtures/logs/pgbadger/light.postgres.log");
  const std::vector<std::string> first(lines.begin(), lines.begin() + 20);
  const auto detected = detect_log_line_prefix(first);
  REQUIRE(detected);
  CHECK(detected->escapes() == "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ");
  size_t parsed_lines = 0;
  for (const std::string& line : lines) parsed_lines += detected->parse(line) ? 1 : 0;
  CHECK(parsed_lines == lines.size());

  const auto shutdown = detected->parse(lines[0]);  // empty values of a non-session process
  REQUIRE(shutdown);
  CHECK(shutdown->pid == "20");
  CHECK(shutdown->user.empty());
  CHECK(shutdown->application.empty());
  const auto end = detected->parse(lines[1]);
  REQUIRE(end);
  CHECK(end->pid == "36");
  CHECK(end->user == "postgres");
  CHECK(end->application == "pgbench");
  CHECK(end->message == "duration: 2.280 ms  statement: END;");
}

TEST_CASE("prefix: %q ends the prefix of non-session lines", "[log][prefix]") {
  // queryid.log: '%m [%p] [queryid=%Q] %q%u@%d '.
  const auto lines = lines_of("fixtures/logs/pgbadger/queryid.log");
  const LogLinePrefixFormat format("%m [%p] [queryid=%Q] %q%u@%d ");
  size_t with_user = 0, read = 0;
  for (const std::string& line : lines) {
    const auto parsed = format.parse(line);
    if (!parsed) continue;
    ++read;
    with_user += parsed->user.empty() ? 0 : 1;
  }
  CHECK(read > 0);
  CHECK(with_user > 0);
  const auto first = format.parse(lines[0]);
  REQUIRE(first);
  CHECK(first->timestamp == "2022-02-17 14:45:10.440 UTC");
  CHECK(first->pid == "691");
  CHECK(first->user == "postgres");
  CHECK(first->database == "stackoverflow");
  CHECK_FALSE(format.parse(lines[2]));  // a tab-indented continuation line
  const auto detected = detect_log_line_prefix(
      std::vector<std::string>(lines.begin(), lines.begin() + std::min<size_t>(lines.size(), 40)));
  // Not one of the common prefixes, but "%m [%p] " reads its lines that carry no user.
  if (detected) CHECK(detected->escapes().rfind("%m [%p] ", 0) == 0);
}

TEST_CASE("prefix: escape strings PostgreSQL does not expand are usage errors", "[log][prefix]") {
  CHECK_THROWS_AS(LogLinePrefixFormat("%m [%p] %"), FatalError);
  CHECK_THROWS_AS(LogLinePrefixFormat("%m %z "), FatalError);
  CHECK_NOTHROW(
      LogLinePrefixFormat("%a %u %d %r %h %b %p %P %t %m %n %i %e %c %l %s %v %x %q%Q %% %-10u"));
}

TEST_CASE("prefix: '%m [%p] %q%u@%d/%a ' is read with the application, detected (shared.log)", "[log][prefix]") {
  // The built-in reader reads "time [pid] user@db "; this prefix would give database "shop/storefront".
  CollectedLog log;
  const LogFormat read_as =
      read_log_file(source_path("fixtures/logs/shared/shared.log"), LogFormat::Auto, collecting_sink(log));
  CHECK(read_as == LogFormat::Stderr);
  REQUIRE_FALSE(log.statements.empty());
  CHECK(log.diagnostics.empty());
  const Statement& first = log.statements.front();
  CHECK(first.user == "alice");
  CHECK(first.database == "shop");
  CHECK(first.application == "storefront");
  const std::string zone = first.timestamp.substr(first.timestamp.rfind(' ') + 1);  // log_timezone Europe/Paris
  CHECK((zone == "CET" || zone == "CEST"));
}
