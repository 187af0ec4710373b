// LogLinePrefix: the log_line_prefix and severity at the start of one PostgreSQL stderr log line,
// for prefixes '%m [%p] ', '%t [%p] ' and those that add words between the pid and the severity
// ('%q%u@%d ', 'user=%u,db=%d,app=%a ', '[queryid=%Q] ', ...). A line that does not start that way (a
// continuation line, another program's output, an unknown prefix) gives std::nullopt.
// Any other log_line_prefix is read by LogLinePrefixFormat (log_line_prefix_format.hpp), into
// the same LogLinePrefix.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pgadvisor {

struct LogLinePrefix {
  std::string timestamp;  // as logged, time zone included
  std::string pid;
  std::string user;       // empty when the prefix does not carry it
  std::string database;   // empty when the prefix does not carry it
  std::string application;  // %a; empty when the prefix does not carry it
  std::string session_id;   // %c, e.g. "6383b33a.258"; empty when the prefix does not carry it
  std::string severity;   // LOG, ERROR, DETAIL, STATEMENT, ...
  std::string message;    // the text after "SEVERITY:  "
};

std::optional<LogLinePrefix> parse_log_line_prefix(std::string_view line);
// The same into `out` (its strings' memory reused); false, and `out` unspecified, when the line
// does not start with such a prefix.
bool parse_log_line_prefix(std::string_view line, LogLinePrefix& out);

// The length of "SEVERITY:  " (LOG, ERROR, DETAIL, ...) at `pos` in `line`, setting `severity`;
// 0 when none starts there.
size_t read_severity(std::string_view line, size_t pos, std::string& severity);

}  // namespace pgadvisor
