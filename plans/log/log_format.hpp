// LogFormat: which reader a log file needs, named on the command line (--log-format) or detected
// from the first lines of the log. An unknown name is a FatalError (usage); a log whose format
// cannot be told is LogFormat::Auto, for the caller to report.
#pragma once

#include <string>
#include <vector>

namespace pgadvisor {

enum class LogFormat { Auto, Stderr, Csvlog, Jsonlog, Django, DjangoJson, Sql };

// "auto", "stderr", "csvlog", "jsonlog", "django", "django-json" or "sql"; anything else throws
// FatalError(FatalKind::Usage).
LogFormat parse_log_format(const std::string& name);

std::string log_format_name(LogFormat format);

// The format most of the given lines are written in, Auto when no line is recognized or two
// formats recognize as many lines. A JSON array of {"sql": ...} objects is a connection.queries
// dump (django-json); .sql files are told by their name, not here.
LogFormat detect_log_format(const std::vector<std::string>& first_lines);

}  // namespace pgadvisor
