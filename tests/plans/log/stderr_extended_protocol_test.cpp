// Tests of the stderr log reader on logs captured from PostgreSQL 15 for this purpose
// (fixtures/logs/captured, see its README): bind parameters of the extended query protocol, as
// pgbench and a libpq program sent them, and DETAIL lines that come after other sessions' lines.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "plans/log/stderr_reader.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

const char kPgbench[] = "fixtures/logs/captured/pgbench_interleaved.log";
const char kSelect[] = "SELECT abalance FROM pgbench_accounts WHERE aid = $1;";
const char kUpdate[] = "UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2;";

// One log record: its first line and the tab-indented lines that continue it.
struct Record {
  std::string pid;
  std::vector<std::string> lines;
  bool has(const std::string& text) const { return lines[0].find(text) != std::string::npos; }
};

std::vector<Record> records_of(const std::vector<std::string>& lines) {
  std::vector<Record> records;
  for (const std::string& line : lines) {
    if (!line.empty() && line[0] == '\t' && !records.empty()) {
      records.back().lines.push_back(line);
      continue;
    }
    const size_t open = line.find(" [");
    const size_t close = line.find("] ", open);
    REQUIRE(close != std::string::npos);
    records.push_back(Record{line.substr(open + 2, close - open - 2), {line}});
  }
  return records;
}

std::string text_of(const std::vector<Record>& records) {
  std::string text;
  for (const Record& record : records) {
    for (const std::string& line : record.lines) text.append(line).append("\n");
  }
  return text;
}

CollectedLog read_records(const std::vector<Record>& records) {
  std::istringstream in(text_of(records));
  return read_log(read_stderr_log, in, kPgbench);
}

bool is_execute_detail(const std::vector<Record>& records, size_t i) {
  return i > 0 && records[i].has("DETAIL:  parameters: ") && records[i - 1].has(" execute ") &&
         records[i - 1].pid == records[i].pid;
}

// The executes whose next record is not their DETAIL line.
int separated_executes(const std::vector<Record>& records) {
  int count = 0;
  for (size_t i = 0; i + 1 < records.size(); ++i) {
    count += records[i].has(" execute ") && !is_execute_detail(records, i + 1);
  }
  return count;
}

// What a statement is, whatever line of the log it was read from.
std::string identity(const Statement& s, bool with_params = true) {
  std::string out = s.session + "|" + s.timestamp + "|" + fixed(s.duration_ms, 3) + "|" + s.sql;
  for (const StatementParam& p : s.params) out += with_params ? "|" + p.value_or("NULL") : "";
  return out;
}

std::vector<std::string> identities(const std::vector<Statement>& statements) {
  std::vector<std::string> out;
  for (const Statement& s : statements) out.push_back(identity(s));
  return out;
}

// The statements of each session in the order they came, without the parameters of one session.
std::map<std::string, std::vector<std::string>> by_session(const std::vector<Statement>& all,
                                                           const std::string& without = {}) {
  std::map<std::string, std::vector<std::string>> out;
  for (const Statement& s : all) out[s.session].push_back(identity(s, s.session != without));
  return out;
}

}  // namespace

TEST_CASE("stderr: four pgbench clients, every execute with its parameters", "[log][stderr]") {
  // pgbench -M extended -c 4 -t 50 on a two-statement script: 4 x 50 transactions x 2 executes,
  // each logged as parse, bind + DETAIL, execute + DETAIL, the sessions interleaved.
  const CollectedLog read = read_fixture_log(read_stderr_log, kPgbench);
  const std::vector<std::string> raw = source_lines(kPgbench);
  CHECK(read.diagnostics.empty());
  REQUIRE(read.statements.size() == 4 * 50 * 2);
  for (const Statement& s : read.statements) {
    INFO("statement at line " << s.line);
    REQUIRE(s.line >= 1);
    REQUIRE(static_cast<size_t>(s.line) < raw.size());
    REQUIRE(s.params.size() == (s.sql == kSelect ? 1u : 2u));
    const std::string prefix = s.timestamp + " [" + s.session + "] ";
    CHECK(raw[s.line - 1] == prefix + "LOG:  duration: " + fixed(s.duration_ms, 3) +
                                 " ms  execute <unnamed>: " + s.sql);
    std::string detail = prefix + "DETAIL:  parameters: ";
    for (size_t i = 0; i < s.params.size(); ++i) {
      REQUIRE(s.params[i].has_value());
      detail += (i == 0 ? "$" : ", $") + std::to_string(i + 1) + " = '" + *s.params[i] + "'";
    }
    CHECK(raw[s.line] == detail);
  }
  // The server wrote each execute and its DETAIL line together: statements come in line order.
  CHECK(std::is_sorted(read.statements.begin(), read.statements.end(),
                       [](const Statement& a, const Statement& b) { return a.line < b.line; }));
  // Per client: SELECT then UPDATE of the same account (:aid is $1 of one, $2 of the other).
  std::map<std::string, std::vector<const Statement*>> sessions;
  for (const Statement& s : read.statements) sessions[s.session].push_back(&s);
  REQUIRE(sessions.size() == 4);
  for (const auto& [pid, statements] : sessions) {
    INFO("session " << pid);
    REQUIRE(statements.size() == 100);
    for (size_t i = 0; i < statements.size(); i += 2) {
      CHECK(statements[i]->sql == kSelect);
      CHECK(statements[i + 1]->sql == kUpdate);
      CHECK(statements[i + 1]->params[1] == statements[i]->params[0]);
    }
  }
}

TEST_CASE("stderr: an execute's DETAIL line after another session's line still attaches",
          "[log][stderr]") {
  // PostgreSQL writes a record and its DETAIL line in one write(), so one server's log never
  // splits them; logs merged line by line (collectors, several files sorted by time) do. Here
  // the captured lines are kept but every execute's DETAIL line goes after the next record when
  // that record is another session's.
  const CollectedLog original = read_fixture_log(read_stderr_log, kPgbench);
  std::vector<Record> records = records_of(source_lines(kPgbench));
  REQUIRE(separated_executes(records) == 0);
  for (size_t i = 1; i + 1 < records.size(); ++i) {
    if (is_execute_detail(records, i) && records[i + 1].pid != records[i].pid) {
      std::swap(records[i], records[i + 1]);
      ++i;
    }
  }
  CHECK(separated_executes(records) == 317);  // of the 400
  const CollectedLog read = read_records(records);
  CHECK(read.diagnostics.empty());
  REQUIRE(read.statements.size() == 400);
  // Each DETAIL line still comes before the next record of its session, so every execute ends
  // with it, in the order the executes started: the same statements in the same order.
  CHECK(identities(read.statements) == identities(original.statements));
}

TEST_CASE("stderr: an execute whose DETAIL line never comes ends at its session's next record",
          "[log][stderr]") {
  // The captured lines without the execute DETAIL lines of one client: its executes get no
  // parameters (never another session's) and are handed over when that client's next record
  // starts; the other clients' statements stay as they were.
  const CollectedLog original = read_fixture_log(read_stderr_log, kPgbench);
  const std::vector<Record> all = records_of(source_lines(kPgbench));
  const std::string stripped = original.statements.front().session;
  std::vector<Record> records;
  for (size_t i = 0; i < all.size(); ++i) {
    if (!(all[i].pid == stripped && is_execute_detail(all, i))) records.push_back(all[i]);
  }
  REQUIRE(records.size() == all.size() - 100);
  const CollectedLog read = read_records(records);
  CHECK(read.diagnostics.empty());
  REQUIRE(read.statements.size() == 400);
  CHECK(by_session(read.statements) == by_session(original.statements, stripped));
  for (const Statement& s : read.statements) {
    if (s.session == stripped) CHECK(s.params.empty());
  }
  // Not in line order any more: the first execute waits for its client's next parse line.
  CHECK(read.statements.front().session != stripped);
}

TEST_CASE("stderr: NULL, empty, quoted and multi-line bind values from libpq", "[log][stderr]") {
  // PQexecParams with NULL, "", "it's" and "two\nlines", then PQprepare + PQexecPrepared with
  // "O'Reilly ''x''" (the program is in fixtures/logs/captured/README.md).
  const CollectedLog read =
      read_fixture_log(read_stderr_log, "fixtures/logs/captured/bind_values.log");
  CHECK(read.diagnostics.empty());
  REQUIRE(read.statements.size() == 2);
  const Statement& unnamed = read.statements[0];
  CHECK(unnamed.line == 11);
  CHECK(unnamed.sql ==
        "SELECT $1::int AS missing,\n       $2::text AS empty,\n       $3::text AS quoted,\n"
        "       $4::text AS multi");
  CHECK(unnamed.params == std::vector<StatementParam>{std::nullopt, "", "it's", "two\nlines"});
  CHECK(unnamed.duration_ms == Approx(0.014));
  CHECK(unnamed.timestamp == "2026-11-22 06:00:45.336 UTC");
  CHECK(unnamed.session == "13362");
  CHECK(unnamed.user.empty());
  CHECK(unnamed.source == "fixtures/logs/captured/bind_values.log");
  const Statement& named = read.statements[1];
  CHECK(named.line == 20);
  CHECK(named.sql == "SELECT length($1::text)");
  CHECK(named.duration_ms == Approx(0.004));
  CHECK(named.params == std::vector<StatementParam>{"O'Reilly ''x''"});
}
