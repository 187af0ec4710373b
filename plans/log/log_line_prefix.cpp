#include "plans/log/log_line_prefix.hpp"

#include <cstring>
#include <string_view>
#include <utility>

#include "plans/log/text_scan.hpp"

namespace pgadvisor {
namespace {

const char* const kSeverities[] = {"LOG", "ERROR", "FATAL", "PANIC", "WARNING", "NOTICE", "INFO",
                                   "DEBUG1", "DEBUG2", "DEBUG3", "DEBUG4", "DEBUG5", "DETAIL",
                                   "HINT", "CONTEXT", "STATEMENT", "QUERY", "LOCATION"};

// Each word of the line may be the severity: only one that starts with a capital letter and whose
// first ':' comes within the length of the longest name, followed by two spaces, is compared with
// the names.
constexpr size_t kLongestSeverity = 9;  // "STATEMENT", "LOCATION"

// The end of a leading "2026-11-22 05:01:02[.123][ UTC]" (%m or %t), or npos.
size_t scan_timestamp(std::string_view line) {
  static const char kShape[] = "dddd-dd-dd dd:dd:dd";
  const size_t length = sizeof kShape - 1;
  if (line.size() < length) return npos;
  for (size_t i = 0; i < length; ++i) {
    if (kShape[i] == 'd' ? !is_digit(line[i]) : line[i] != kShape[i]) return npos;
  }
  size_t pos = length;
  if (pos < line.size() && line[pos] == '.') {
    const size_t digits = ++pos;
    while (pos < line.size() && is_digit(line[pos])) ++pos;
    if (pos == digits) return npos;
  }
  if (line.compare(pos, 2, " [") != 0 && pos < line.size() && line[pos] == ' ') {
    const size_t zone_end = line.find(' ', pos + 1);  // " UTC", " CET", " +03"
    if (zone_end == npos || zone_end == pos + 1) return npos;
    pos = zone_end;
  }
  return pos;
}

// User and database from the words between the pid and the severity: "%u@%d" as the last word,
// or "user=...,db=...,app=..." pairs (application_name too); left empty when the prefix does not carry them.
void read_user_database(std::string_view words, LogLinePrefix& out) {
  out.user.clear();
  out.database.clear();
  out.application.clear();
  while (!words.empty() && words.back() == ' ') words.remove_suffix(1);
  if (words.empty()) return;
  const size_t last_space = words.rfind(' ');
  const std::string_view last = last_space == npos ? words : words.substr(last_space + 1);
  const size_t at = last.rfind('@');
  if (at != npos && last.find('=') == npos) {
    out.user.assign(last.data(), at);
    out.database.assign(last.substr(at + 1));
    return;
  }
  for (size_t start = 0; start < words.size();) {
    size_t end = words.find_first_of(", ", start);
    if (end == npos) end = words.size();
    const std::string_view pair = words.substr(start, end - start);
    if (starts_with(pair, "user=")) out.user.assign(pair.substr(5));
    if (starts_with(pair, "db=")) out.database.assign(pair.substr(3));
    if (starts_with(pair, "app=")) out.application.assign(pair.substr(4));
    start = end + 1;
  }
}

}  // namespace

size_t read_severity(std::string_view line, size_t pos, std::string& severity) {
  if (pos >= line.size() || line[pos] < 'A' || line[pos] > 'Z') return 0;
  const size_t colon = line.substr(pos, kLongestSeverity + 1).find(':');
  if (colon == npos || line.compare(pos + colon, 3, ":  ") != 0) return 0;
  const std::string_view name = line.substr(pos, colon);
  for (const char* known : kSeverities) {
    if (name == known) {
      severity.assign(name);
      return name.size() + 3;
    }
  }
  return 0;
}

bool parse_log_line_prefix(std::string_view line, LogLinePrefix& out) {
  const size_t timestamp_end = scan_timestamp(line);
  if (timestamp_end == npos || line.compare(timestamp_end, 2, " [") != 0) return false;
  const size_t pid_start = timestamp_end + 2;
  size_t pid_end = pid_start;
  while (pid_end < line.size() && is_digit(line[pid_end])) ++pid_end;
  if (pid_end == pid_start || line.compare(pid_end, 2, "] ") != 0) return false;
  const size_t words_start = pid_end + 2;
  for (size_t word = words_start; word < line.size();) {
    if (const size_t length = read_severity(line, word, out.severity)) {
      out.timestamp.assign(line.substr(0, timestamp_end));
      out.pid.assign(line.substr(pid_start, pid_end - pid_start));
      read_user_database(line.substr(words_start, word - words_start), out);
      out.session_id.clear();
      out.message.assign(line.substr(word + length));
      return true;
    }
    const size_t space = line.find(' ', word);
    if (space == npos) break;
    word = space + 1;
  }
  return false;
}

std::optional<LogLinePrefix> parse_log_line_prefix(std::string_view line) {
  LogLinePrefix out;
  if (!parse_log_line_prefix(line, out)) return std::nullopt;
  return out;
}

}  // namespace pgadvisor
