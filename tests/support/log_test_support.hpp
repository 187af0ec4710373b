// Test support for the log readers: what a reader handed to its sink, collected in order, and the
// raw lines of a fixture log to check statements against. A fixture that cannot be opened fails
// the test (REQUIRE).
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "plans/log/log_sink.hpp"

namespace pgadvisor::testing {

struct CollectedLog {
  std::vector<Statement> statements;
  std::vector<Diagnostic> diagnostics;
};

using LogReader = void (*)(std::istream&, const std::string&, const LogSink&);

// A sink appending to `out`, which must outlive it.
LogSink collecting_sink(CollectedLog& out);

CollectedLog read_log(LogReader reader, std::istream& in, const std::string& source);

// Reads PGADVISOR_SOURCE_DIR/relative; statements and diagnostics name `relative` as source.
CollectedLog read_fixture_log(LogReader reader, const std::string& relative);

// PGADVISOR_SOURCE_DIR/relative, and the lines of that file.
std::string source_path(const std::string& relative);
std::vector<std::string> source_lines(const std::string& relative);

// `value` with exactly `decimals` decimals, as PostgreSQL and Django print durations.
std::string fixed(double value, int decimals);

// A logged statement of `session` at timestamp `at` ("" for none), taking `ms`, on `line`.
Statement logged_statement(const std::string& sql, const std::string& session, const std::string& at, double ms,
                           int line);

}  // namespace pgadvisor::testing
