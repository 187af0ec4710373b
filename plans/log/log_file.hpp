// LogFile: reads one log file ("-" is standard input; compressed or not, see InputStream) with
// the reader its format needs (stderr, csvlog, jsonlog, Django), handing each statement and
// diagnostic to the sink as it goes, without loading the whole file. With
// LogFormat::Auto the format is detected from the first non-empty lines. A file that cannot be
// read (or turns out corrupt while read), or whose format cannot be told, throws
// FatalError(FatalKind::Input); bad lines inside a readable log are diagnostics.
#pragma once

#include <string>

#include "plans/log/log_format.hpp"
#include "plans/log/log_sink.hpp"

namespace pgadvisor {

void read_log_file(const std::string& path, LogFormat format, const LogSink& sink);

}  // namespace pgadvisor
