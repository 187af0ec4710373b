// LogFile: reads one log file ("-" is standard input; compressed or not, see InputStream) with
// the reader its format needs (stderr, csvlog, jsonlog, Django, Django JSON dump, plain SQL;
// files named *.sql, *.sql.gz, ... are SQL), handing each statement and
// diagnostic to the sink as it goes, without loading the whole file. With
// LogFormat::Auto the format is detected from the first non-empty lines, within a bounded start
// of the file (plans/log/log_head); leading empty lines are skipped, never kept. A file that
// cannot be read (or turns out corrupt while read), or whose format cannot be told, throws
// FatalError(FatalKind::Input); bad lines inside a readable log are diagnostics.
#pragma once

#include <cstdint>
#include <string>

#include "plans/log/log_format.hpp"
#include "plans/log/log_sink.hpp"

namespace pgadvisor {

struct LogReadOptions {
  // log_line_prefix of stderr logs (PostgreSQL's escapes, e.g. "%t [%p]: user=%u,db=%d ");
  // empty: the common prefixes are recognised by themselves. A bad one is FatalError(Usage).
  std::string log_line_prefix;
  // Threads that read one stderr log (plans/log/parallel_stderr) when it is a plain file; 1 reads
  // it on the calling thread alone. Any number gives the same statements and diagnostics.
  unsigned jobs = 1;
  // The size of the pieces a parallel read cuts the log into (plans/log/parallel_stderr); 0 for
  // the default. Small ones are for tests.
  std::int64_t piece_bytes = 0;
};

// Returns the format the log was read in (the one detected, with LogFormat::Auto; Auto for an
// empty log).
LogFormat read_log_file(const std::string& path, LogFormat format, const LogSink& sink,
                        const LogReadOptions& options = {});

// True when read_log_file reads `path` with several threads: options.jobs > 1 and a plain
// (uncompressed) file holding a stderr log. False too for a file that cannot be read.
bool reads_in_parallel(const std::string& path, LogFormat format, const LogReadOptions& options);

}  // namespace pgadvisor
