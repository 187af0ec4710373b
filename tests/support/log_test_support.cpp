#include "tests/support/log_test_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <utility>

namespace pgadvisor::testing {

LogSink collecting_sink(CollectedLog& out) {
  return LogSink{[&out](Statement&& s) { out.statements.push_back(std::move(s)); },
                 [&out](Diagnostic&& d) { out.diagnostics.push_back(std::move(d)); }};
}

CollectedLog read_log(LogReader reader, std::istream& in, const std::string& source) {
  CollectedLog out;
  reader(in, source, collecting_sink(out));
  return out;
}

CollectedLog read_fixture_log(LogReader reader, const std::string& relative) {
  std::ifstream in(source_path(relative), std::ios::binary);
  REQUIRE(in);
  return read_log(reader, in, relative);
}

std::string source_path(const std::string& relative) {
  return std::string(PGADVISOR_SOURCE_DIR) + "/" + relative;
}

std::vector<std::string> source_lines(const std::string& relative) {
  std::ifstream in(source_path(relative), std::ios::binary);
  REQUIRE(in);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::string fixed(double value, int decimals) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(decimals);
  out << value;
  return out.str();
}

Statement logged_statement(const std::string& sql, const std::string& session, const std::string& at, double ms,
                           int line) {
  Statement s;
  s.sql = sql;
  s.session = session;
  s.timestamp = at;
  s.duration_ms = ms;
  s.line = line;
  return s;
}

}  // namespace pgadvisor::testing
