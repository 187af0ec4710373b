// LogFile: reads one log file ("-" is standard input; compressed or not, see InputStream) with
// the reader its format needs (stderr, csvlog, jsonlog, Django, Django JSON dump, plain SQL;
// files named *.sql, *.sql.gz, ... are SQL), handing each statement and
// diagnostic to the sink as it goes, without loading the whole file. With
// LogFormat::Auto the format is detected from the first non-empty lines, within a bounded start
// of the file (plans/log/log_head); leading empty lines are skipped, never kept. A file that
// cannot be read (or turns out corrupt while read), or whose format cannot be told, throws
// FatalError(FatalKind::Input); bad lines inside a readable log are diagnostics.
#pragma once

#include <string>

#include "plans/log/log_format.hpp"
#include "plans/log/log_sink.hpp"

namespace pgadvisor {

struct LogReadOptions {
  // log_line_prefix of stderr logs (PostgreSQL's escapes, e.g. "%t [%p]: user=%u,db=%d ");
  // empty: the common prefixes are recognised by themselves. A bad one is FatalError(Usage).
  std::string log_line_prefix;
};

// Returns the format the log was read in (the one detected, with LogFormat::Auto; Auto for an
// empty log).
LogFormat read_log_file(const std::string& path, LogFormat format, const LogSink& sink,
                        const LogReadOptions& options = {});

}  // namespace pgadvisor
