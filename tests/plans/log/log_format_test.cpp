// Tests of the log format names, format detection and read_log_file (open, detect, dispatch,
// replay of standard input) on captured logs.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "plans/fatal_error.hpp"
#include "plans/log/log_file.hpp"
#include "plans/log/log_format.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

std::vector<std::string> first_lines(const std::string& relative, size_t count = 50) {
  std::ifstream in(source_path(relative));
  REQUIRE(in);
  std::vector<std::string> lines;
  std::string line;
  while (lines.size() < count && std::getline(in, line)) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

CollectedLog read_file(const std::string& path, LogFormat format) {
  CollectedLog out;
  read_log_file(path, format, collecting_sink(out));
  return out;
}

// The FatalError that `read` throws, checked for its kind and message.
template <typename Read>
void check_fatal(Read read, FatalKind kind, const std::string& message) {
  try {
    read();
    FAIL("no FatalError thrown");
  } catch (const FatalError& error) {
    CHECK(error.kind() == kind);
    CHECK(std::string(error.what()) == message);
  }
}

}  // namespace

TEST_CASE("log format names", "[log][format]") {
  CHECK(parse_log_format("auto") == LogFormat::Auto);
  CHECK(parse_log_format("stderr") == LogFormat::Stderr);
  CHECK(parse_log_format("csvlog") == LogFormat::Csvlog);
  CHECK(parse_log_format("jsonlog") == LogFormat::Jsonlog);
  CHECK(parse_log_format("django") == LogFormat::Django);
  for (LogFormat format : {LogFormat::Auto, LogFormat::Stderr, LogFormat::Csvlog,
                           LogFormat::Jsonlog, LogFormat::Django}) {
    CHECK(parse_log_format(log_format_name(format)) == format);
  }
  check_fatal([] { parse_log_format("csv"); }, FatalKind::Usage,
              "unknown log format 'csv'; valid formats: auto, stderr, csvlog, jsonlog, django, django-json, sql");
  check_fatal([] { parse_log_format("Django"); }, FatalKind::Usage,
              "unknown log format 'Django'; valid formats: auto, stderr, csvlog, jsonlog, django, django-json, sql");
}

TEST_CASE("log format detection from the first lines of captured logs", "[log][format]") {
  CHECK(detect_log_format(first_lines("fixtures/blog/logs/postgresql.log")) == LogFormat::Stderr);
  CHECK(detect_log_format(first_lines("fixtures/blog/logs/pgbench_extended.log")) ==
        LogFormat::Stderr);
  CHECK(detect_log_format(first_lines("fixtures/blog/logs/django.log")) == LogFormat::Django);
  CHECK(detect_log_format(first_lines("fixtures/logs/pgbadger/stmt_type.log")) ==
        LogFormat::Stderr);
  // 12 of its 14 lines are PostgreSQL's; two come from pg_ctl.
  CHECK(detect_log_format(first_lines("fixtures/logs/pgbadger/pg_rawcsv.log")) ==
        LogFormat::Stderr);
  // '%t [%p]: [%l-1] ...' is neither format the readers know.
  CHECK(detect_log_format(first_lines("fixtures/logs/pgbadger/postgresql_param_range.log")) ==
        LogFormat::Auto);
  CHECK(detect_log_format(first_lines("fixtures/blog/logs/formats/postgresql.csv")) ==
        LogFormat::Csvlog);
  CHECK(detect_log_format(first_lines("fixtures/blog/logs/formats/extras.csv")) ==
        LogFormat::Csvlog);  // continuation lines of multi-line records count for nothing
  CHECK(detect_log_format(first_lines("fixtures/blog/logs/formats/postgresql.json")) ==
        LogFormat::Jsonlog);
  CHECK(detect_log_format(first_lines("fixtures/blog/logs/formats/postgresql.log")) ==
        LogFormat::Stderr);
  CHECK(detect_log_format({}) == LogFormat::Auto);
}

TEST_CASE("read_log_file detects the format and dispatches", "[log][file]") {
  const auto django = read_file(source_path("fixtures/blog/logs/django.log"), LogFormat::Auto);
  CHECK(django.statements.size() == 84);
  CHECK(django.diagnostics.empty());
  CHECK(django.statements[0].source == source_path("fixtures/blog/logs/django.log"));

  const auto pgbench = read_file(source_path("fixtures/blog/logs/pgbench_extended.log"),
                                 LogFormat::Auto);
  CHECK(pgbench.statements.size() == 144);
  CHECK(pgbench.diagnostics.empty());

  for (const char* name : {"postgresql.log", "postgresql.csv", "postgresql.json"}) {
    const auto traffic =
        read_file(source_path(std::string("fixtures/blog/logs/formats/") + name), LogFormat::Auto);
    CHECK(traffic.statements.size() == 85);
    CHECK(traffic.diagnostics.empty());
  }

  // Forced to the wrong reader, every line is a diagnostic, with its line number.
  const auto forced = read_file(source_path("fixtures/logs/pgbadger/stmt_type.log"),
                                LogFormat::Django);
  CHECK(forced.statements.empty());
  REQUIRE(forced.diagnostics.size() == 12);
  CHECK(forced.diagnostics[11].line == 12);
}

TEST_CASE("read_log_file replays the detection lines of standard input", "[log][file]") {
  // queryid.log has 61 non-empty lines: detection reads 50 of them, which must be replayed.
  const std::string path = source_path("fixtures/logs/pgbadger/queryid.log");
  const auto from_file = read_file(path, LogFormat::Auto);
  // Standard input is file descriptor 0 (open_log_input reads it, not std::cin).
  const int file = ::open(path.c_str(), O_RDONLY);
  REQUIRE(file >= 0);
  const int saved = ::dup(0);
  REQUIRE(saved >= 0);
  REQUIRE(::dup2(file, 0) == 0);
  ::close(file);
  CollectedLog from_stdin;
  try {
    from_stdin = read_file("-", LogFormat::Auto);
  } catch (...) {
    ::dup2(saved, 0);
    ::close(saved);
    throw;
  }
  ::dup2(saved, 0);
  ::close(saved);
  REQUIRE(from_stdin.statements.size() == 20);
  REQUIRE(from_file.statements.size() == 20);
  for (size_t i = 0; i < from_file.statements.size(); ++i) {
    CHECK(from_stdin.statements[i].sql == from_file.statements[i].sql);
    CHECK(from_stdin.statements[i].line == from_file.statements[i].line);
  }
  CHECK(from_stdin.statements[0].source == "-");
  CHECK(from_stdin.diagnostics.size() == 5);
  CHECK(from_stdin.diagnostics.back().line == 43);
}

TEST_CASE("read_log_file fails on unreadable files and undecidable formats", "[log][file]") {
  const std::string missing = source_path("fixtures/logs/pgbadger/no_such.log");
  check_fatal([&] { read_file(missing, LogFormat::Stderr); }, FatalKind::Input,
              "cannot read " + missing + ": No such file or directory");
  const std::string directory = source_path("fixtures/logs/pgbadger");
  check_fatal([&] { read_file(directory, LogFormat::Auto); }, FatalKind::Input,
              "cannot read " + directory + ": is a directory");
  const std::string other = source_path("fixtures/logs/pgbadger/postgresql_param_range.log");
  check_fatal([&] { read_file(other, LogFormat::Auto); }, FatalKind::Input,
              other +
                  ": cannot tell the log format from its first lines (at most 1000 lines or 1 MiB after the empty ones); pass --log-format stderr|csvlog|jsonlog|django|django-json|sql, or --log-line-prefix for a stderr log");
}

TEST_CASE("a given log_line_prefix, a detected uncommon one, SQL files and Django JSON dumps", "[log][format]") {
  std::vector<Statement> statements;
  Diagnostics diagnostics;
  LogSink sink{[&](Statement&& s) { statements.push_back(std::move(s)); },
               [&](Diagnostic&& d) { diagnostics.push_back(std::move(d)); }};
  const std::string root = std::string(PGADVISOR_SOURCE_DIR) + "/fixtures/logs/";

  read_log_file(root + "pgbadger/postgresql_param_range.log", LogFormat::Auto, sink,
                {"%t [%p]: [%l-1] [%x] usr=%u,db=%d,appli=%a "});
  REQUIRE(statements.size() == 3);
  CHECK(diagnostics.empty());
  CHECK(statements[0].user == "usr6");
  CHECK(statements[0].application == "76ae131687c458a8");
  CHECK(statements[0].params.at(0) == std::optional<std::string>("F99278492"));

  statements.clear();
  read_log_file(root + "pgbadger/rds_head3000.log", LogFormat::Auto, sink);  // RDS's %t:%r:%u@%d:[%p]:
  CHECK(statements.size() > 2000);
  CHECK(diagnostics.empty());

  statements.clear();
  read_log_file(root + "sql/pg_stat_statements--1.4.sql", LogFormat::Auto, sink);  // told by its name
  CHECK(statements.size() == 5);

  statements.clear();
  diagnostics.clear();
  read_log_file(root + "captured/django_queries.json", LogFormat::Auto, sink);  // told by its content
  CHECK(statements.size() > 5);
  CHECK(diagnostics.empty());

  CHECK_THROWS_AS(read_log_file(root + "sql/pg_stat_statements--1.4.sql", LogFormat::Stderr, sink, {"%Z"}), FatalError);
}
