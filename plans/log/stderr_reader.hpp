// StderrReader: reads a PostgreSQL log written with log_destination = 'stderr' and
// log_line_prefix '%m [%p] ' or '%m [%p] %q%u@%d ' (%t also works; other words between the pid and
// the severity are skipped). Each record (its first line and tab-indented continuation lines)
// becomes a LogMessage, session = pid, and the StatementAssembler (plans/log/log_message.hpp)
// makes the Statements: `statement:` and `execute ...:` messages with the bind parameters of their
// `DETAIL:  parameters:` record, the bare `duration:` of log_statement + log_duration attached;
// parse/bind messages and all other log content are read and left alone. A line that is neither a
// prefixed log line nor a tab-indented continuation becomes a Diagnostic and reading goes on; the
// reader never throws on bad input.
//
// The DETAIL record of an execute is looked for by pid, so lines of other sessions may come in
// between (PostgreSQL writes both in one write, but logs merged line by line interleave them).
// Statements are handed over in the order they end, the same for the same log: a record ends
// when the next log line starts, except a statement still waiting for its DETAIL or its bare
// duration, which waits for it or else ends at its session's next statement (see
// StatementAssembler); those left at the end go in the order they started.
#pragma once

#include <istream>
#include <string>

#include "plans/log/log_sink.hpp"

namespace pgadvisor {

class LogLinePrefixFormat;

void read_stderr_log(std::istream& in, const std::string& source, const LogSink& sink);

// The same with lines read by a compiled log_line_prefix instead of the built-in recognition of
// the common ones.
void read_stderr_log(std::istream& in, const std::string& source, const LogSink& sink,
                     const LogLinePrefixFormat& prefix);

// True when the line starts with a log_line_prefix this reader understands (used to detect the
// format of a log).
bool is_stderr_log_line(const std::string& line);

}  // namespace pgadvisor
