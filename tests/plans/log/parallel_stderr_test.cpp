// A stderr log read by several threads (LogReadOptions::jobs, plans/log/parallel_stderr) gives
// exactly what one thread gives: the same statements (text, bind parameters, durations,
// sessions, line numbers) and the same diagnostics, in the same order, whatever the pieces the
// log is cut into. The log is the fixture app's captured stderr logs one after another (the
// pgbench one has executes with their DETAIL parameters, extras.log multi-line statements and
// errors), with leading empty lines and lines no reader knows put in, cut into pieces small
// enough that many records, and many executes and their DETAIL, fall on either side of a cut.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "plans/log/log_file.hpp"
#include "tests/support/log_test_support.hpp"
#include "tests/support/temp_dir.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

std::string file_text(const std::string& relative) {
  std::ifstream in(source_path(relative), std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The fixture logs one after another, with bad lines between them.
std::string mixed_log() {
  std::string log = "\n\n";  // leading empty lines: numbering starts after them
  log += file_text("fixtures/blog/logs/pgbench_extended.log");
  log += "a line of another program\n\tand a continuation line after it\n";
  log += file_text("fixtures/blog/logs/formats/extras.log");
  log += file_text("fixtures/blog/logs/postgresql.log");
  log += "\n\n" + file_text("fixtures/blog/logs/findings.log");
  log += file_text("fixtures/blog/logs/pgbench_extended.log");
  return log;
}

CollectedLog read_with(const std::string& path, unsigned jobs, std::int64_t piece_bytes) {
  CollectedLog out;
  LogReadOptions options;
  options.jobs = jobs;
  options.piece_bytes = piece_bytes;
  CHECK(read_log_file(path, LogFormat::Auto, collecting_sink(out), options) == LogFormat::Stderr);
  return out;
}

void check_same(const CollectedLog& serial, const CollectedLog& parallel) {
  REQUIRE(parallel.statements.size() == serial.statements.size());
  for (size_t i = 0; i < serial.statements.size(); ++i) {
    const Statement& a = serial.statements[i];
    const Statement& b = parallel.statements[i];
    INFO("statement " << i << " of line " << a.line);
    CHECK(b.sql == a.sql);
    CHECK(b.params == a.params);
    CHECK(b.duration_ms == a.duration_ms);
    CHECK(b.session == a.session);
    CHECK(b.timestamp == a.timestamp);
    CHECK(b.user == a.user);
    CHECK(b.database == a.database);
    CHECK(b.logged_plan == a.logged_plan);
    CHECK(b.truncated == a.truncated);
    CHECK(b.source == a.source);  // the same file
    CHECK(b.line == a.line);
  }
  REQUIRE(parallel.diagnostics.size() == serial.diagnostics.size());
  for (size_t i = 0; i < serial.diagnostics.size(); ++i) {
    CHECK(parallel.diagnostics[i].line == serial.diagnostics[i].line);
    CHECK(parallel.diagnostics[i].message == serial.diagnostics[i].message);
    CHECK(parallel.diagnostics[i].statement == serial.diagnostics[i].statement);
  }
}

}  // namespace

TEST_CASE("a stderr log read by several threads gives what one thread gives", "[log][parallel]") {
  const TempDir dir("parallel-stderr");
  const std::string path = dir.file("postgresql.log");
  std::ofstream(path, std::ios::binary) << mixed_log();
  const CollectedLog serial = read_with(path, 1, 0);
  REQUIRE(serial.statements.size() > 400);
  REQUIRE(serial.diagnostics.size() >= 2);  // the two lines no reader knows
  // Numbered as lines of the whole file: after the two empty lines the log starts with.
  const CollectedLog first_log = read_with(source_path("fixtures/blog/logs/pgbench_extended.log"), 1, 0);
  REQUIRE(!first_log.statements.empty());
  CHECK(serial.statements.front().line == first_log.statements.front().line + 2);
  for (const std::int64_t piece_bytes : {std::int64_t{1}, std::int64_t{97}, std::int64_t{1000}, std::int64_t{1} << 14}) {
    for (const unsigned jobs : {2u, 3u}) {
      INFO(jobs << " threads, pieces of " << piece_bytes << " bytes");
      check_same(serial, read_with(path, jobs, piece_bytes));
    }
  }
  // The default pieces: one for so small a log.
  check_same(serial, read_with(path, 4, 0));
}

TEST_CASE("a compressed stderr log is read by one thread, with the same result", "[log][parallel]") {
  const TempDir dir("parallel-stderr-gz");
  const std::string path = dir.file("postgresql.log");
  std::ofstream(path, std::ios::binary) << mixed_log();
  REQUIRE(std::system(("gzip -k " + path).c_str()) == 0);
  const CollectedLog serial = read_with(path + ".gz", 1, 0);
  CHECK(serial.statements.size() == read_with(path, 1, 0).statements.size());
  check_same(serial, read_with(path + ".gz", 3, 97));
}
