#include "plans/log/log_format.hpp"

#include "plans/fatal_error.hpp"
#include "plans/log/django_reader.hpp"
#include "plans/log/stderr_reader.hpp"

namespace pgadvisor {

LogFormat parse_log_format(const std::string& name) {
  if (name == "auto") return LogFormat::Auto;
  if (name == "stderr") return LogFormat::Stderr;
  if (name == "django") return LogFormat::Django;
  throw FatalError(FatalKind::Usage,
                   "unknown log format '" + name + "'; valid formats: auto, stderr, django");
}

std::string log_format_name(LogFormat format) {
  switch (format) {
    case LogFormat::Auto: return "auto";
    case LogFormat::Stderr: return "stderr";
    case LogFormat::Django: return "django";
  }
  return "auto";
}

LogFormat detect_log_format(const std::vector<std::string>& first_lines) {
  int stderr_lines = 0;
  int django_lines = 0;
  for (const std::string& line : first_lines) {
    if (is_stderr_log_line(line)) ++stderr_lines;
    if (is_django_record_line(line)) ++django_lines;
  }
  if (stderr_lines > django_lines) return LogFormat::Stderr;
  if (django_lines > stderr_lines) return LogFormat::Django;
  return LogFormat::Auto;
}

}  // namespace pgadvisor
