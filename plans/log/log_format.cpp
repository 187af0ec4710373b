#include "plans/log/log_format.hpp"

#include <array>
#include <utility>

#include "plans/fatal_error.hpp"
#include "plans/log/csvlog_reader.hpp"
#include "plans/log/django_reader.hpp"
#include "plans/log/jsonlog_reader.hpp"
#include "plans/log/stderr_reader.hpp"

namespace pgadvisor {
namespace {

const std::array<LogFormat, 7> kFormats{LogFormat::Auto,   LogFormat::Stderr,     LogFormat::Csvlog,
                                        LogFormat::Jsonlog, LogFormat::Django, LogFormat::DjangoJson,
                                        LogFormat::Sql};

// `[{"sql": ...` with any spacing: what json.dump(connection.queries) writes.
bool is_django_json_start(const std::string& line) {
  size_t at = line.find_first_not_of(" \t");
  if (at == std::string::npos || line[at] != '[') return false;
  at = line.find_first_not_of(" \t\r", at + 1);
  if (at == std::string::npos || line[at] != '{') return false;
  at = line.find_first_not_of(" \t\r", at + 1);
  return at != std::string::npos && line.compare(at, 5, "\"sql\"") == 0;
}

}  // namespace

LogFormat parse_log_format(const std::string& name) {
  for (LogFormat format : kFormats) {
    if (log_format_name(format) == name) return format;
  }
  throw FatalError(FatalKind::Usage, "unknown log format '" + name +
                                         "'; valid formats: auto, stderr, csvlog, jsonlog, django, "
                                         "django-json, sql");
}

std::string log_format_name(LogFormat format) {
  switch (format) {
    case LogFormat::Auto: return "auto";
    case LogFormat::Stderr: return "stderr";
    case LogFormat::Csvlog: return "csvlog";
    case LogFormat::Jsonlog: return "jsonlog";
    case LogFormat::Django: return "django";
    case LogFormat::DjangoJson: return "django-json";
    case LogFormat::Sql: return "sql";
  }
  return "auto";
}

LogFormat detect_log_format(const std::vector<std::string>& first_lines) {
  // A csvlog line never reads as a stderr one (a comma follows its time zone, not " ["); a JSON
  // line starts with "{"; so each line counts for one format at most.
  if (!first_lines.empty() && is_django_json_start(first_lines.front())) return LogFormat::DjangoJson;
  std::array<std::pair<LogFormat, int>, 4> counts{{{LogFormat::Stderr, 0},
                                                   {LogFormat::Csvlog, 0},
                                                   {LogFormat::Jsonlog, 0},
                                                   {LogFormat::Django, 0}}};
  for (const std::string& line : first_lines) {
    if (is_stderr_log_line(line)) ++counts[0].second;
    if (is_csvlog_line(line)) ++counts[1].second;
    if (is_jsonlog_line(line)) ++counts[2].second;
    if (is_django_record_line(line)) ++counts[3].second;
  }
  LogFormat best = LogFormat::Auto;
  int most = 0;
  bool tie = false;
  for (const auto& [format, count] : counts) {
    if (count > most) {
      best = format;
      most = count;
      tie = false;
    } else if (count == most && count > 0) {
      tie = true;
    }
  }
  return tie ? LogFormat::Auto : best;
}

}  // namespace pgadvisor
