// LogLinePrefixFormat: a PostgreSQL log_line_prefix setting (e.g. '%t [%p]: [%l-1] user=%u,db=%d ')
// compiled once, then used to read the prefix of each stderr log line into a LogLinePrefix
// (timestamp, pid, user, database, application, session id), followed by "SEVERITY:  ".
// Every escape of PostgreSQL 15 is known: %a %u %d %r %h %b %p %P %t %m %n %i %e %c %l %s %v %x
// %q %Q %% and the padded forms (%-10u, %10u). Values that may hold the prefix's own separators
// (a user "a@b", an application name with spaces) end at the first place where the rest of the
// prefix and a severity still match. %q lines of non-session processes (the prefix stops there)
// are read too.
//
// On failure: an escape string PostgreSQL would not expand (an unknown escape, a lone '%' at the
// end) throws FatalError(FatalKind::Usage); a line that the prefix does not read (a continuation
// line, another prefix, another program's output) gives std::nullopt from parse().
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plans/log/log_line_prefix.hpp"

namespace pgadvisor {

class LogLinePrefixFormat {
 public:
  explicit LogLinePrefixFormat(const std::string& escapes);

  // The prefix of `line`, with the severity and the message after it; nullopt when the line
  // does not start with this prefix followed by a severity.
  std::optional<LogLinePrefix> parse(const std::string& line) const;

  const std::string& escapes() const { return escapes_; }
  int escape_count() const { return escape_count_; }  // escapes that expand to a value

  struct Piece {
    char escape = 0;       // 0 for literal text, 'q' for %q, else the escape letter
    std::string literal;   // the text of a literal piece
    bool padded = false;   // %-10u, %10u: the value may carry spaces around it
  };

 private:
  std::string escapes_;
  std::vector<Piece> pieces_;
  int escape_count_ = 0;
};

// log_line_prefix settings found in the wild: PostgreSQL's and Debian's defaults, the ones
// pgBadger's documentation recommends, Amazon RDS's; most specific last.
const std::vector<LogLinePrefixFormat>& common_log_line_prefixes();

// The common prefix that reads the most of the given lines (on a tie, the one with more
// escapes, then the earlier one); nullopt when none reads any line.
std::optional<LogLinePrefixFormat> detect_log_line_prefix(const std::vector<std::string>& lines);

}  // namespace pgadvisor
