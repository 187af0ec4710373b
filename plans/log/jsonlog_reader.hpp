// JsonlogReader: reads a PostgreSQL log written with log_destination = 'jsonlog' (PostgreSQL 15):
// one JSON object a line with keys timestamp, user, dbname, pid, session_id, error_severity,
// message, detail, application_name, ...; and the CloudNativePG form of the same, where each line
// wraps a csvlog-like record: {"logger":"postgres","msg":"record","record":{"log_time",
// "user_name", "database_name", "session_id", "error_severity", "message", "detail", ...}}.
// JSON is parsed with nlohmann::json; each record becomes a LogMessage (session = session_id,
// or the pid when there is none) for the StatementAssembler (plans/log/log_message.hpp).
// The other lines of a CloudNativePG log (the instance manager's own messages, no "record") are
// read and left alone. A line that is not a JSON object becomes a Diagnostic and reading goes on;
// the reader never throws on bad input.
#pragma once

#include <istream>
#include <string>

#include "plans/log/log_sink.hpp"

namespace pgadvisor {

void read_jsonlog(std::istream& in, const std::string& source, const LogSink& sink);

// True when the line is a JSON object of either form above (used to detect the format of a log).
bool is_jsonlog_line(const std::string& line);

}  // namespace pgadvisor
