#include "plans/log/stderr_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace pgadvisor {
namespace {

constexpr auto npos = std::string::npos;

const char* const kSeverities[] = {"LOG", "ERROR", "FATAL", "PANIC", "WARNING", "NOTICE", "INFO",
                                   "DEBUG1", "DEBUG2", "DEBUG3", "DEBUG4", "DEBUG5", "DETAIL",
                                   "HINT", "CONTEXT", "STATEMENT", "QUERY", "LOCATION"};

// What the log_line_prefix and the severity of one log line say.
struct LogLine {
  std::string timestamp;
  std::string pid;
  std::string user;
  std::string database;
  std::string severity;
  std::string message;  // the text after "SEVERITY:  "
};

enum class MessageKind { Other, Statement, Execute };

struct Message {
  MessageKind kind = MessageKind::Other;
  double duration_ms = -1;
  std::string sql;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The end of a leading "2026-11-22 05:01:02[.123][ UTC]" (%m or %t), or npos.
size_t scan_timestamp(const std::string& line) {
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
// or "user=...,db=..." pairs; left empty when the prefix does not carry them.
void read_user_database(std::string_view words, LogLine& out) {
  while (!words.empty() && words.back() == ' ') words.remove_suffix(1);
  if (words.empty()) return;
  const size_t last_space = words.rfind(' ');
  const std::string_view last = last_space == npos ? words : words.substr(last_space + 1);
  const size_t at = last.rfind('@');
  if (at != npos && last.find('=') == npos) {
    out.user = std::string(last.substr(0, at));
    out.database = std::string(last.substr(at + 1));
    return;
  }
  for (size_t start = 0; start < words.size();) {
    size_t end = words.find_first_of(", ", start);
    if (end == npos) end = words.size();
    const std::string_view pair = words.substr(start, end - start);
    if (starts_with(pair, "user=")) out.user = std::string(pair.substr(5));
    if (starts_with(pair, "db=")) out.database = std::string(pair.substr(3));
    start = end + 1;
  }
}

std::optional<LogLine> parse_log_line(const std::string& line) {
  const size_t timestamp_end = scan_timestamp(line);
  if (timestamp_end == npos || line.compare(timestamp_end, 2, " [") != 0) return std::nullopt;
  const size_t pid_start = timestamp_end + 2;
  size_t pid_end = pid_start;
  while (pid_end < line.size() && is_digit(line[pid_end])) ++pid_end;
  if (pid_end == pid_start || line.compare(pid_end, 2, "] ") != 0) return std::nullopt;
  const size_t words_start = pid_end + 2;
  for (size_t word = words_start; word < line.size();) {
    for (const char* severity : kSeverities) {
      const size_t n = std::strlen(severity);
      if (line.compare(word, n, severity) == 0 && line.compare(word + n, 3, ":  ") == 0) {
        LogLine out;
        out.timestamp = line.substr(0, timestamp_end);
        out.pid = line.substr(pid_start, pid_end - pid_start);
        read_user_database(std::string_view(line).substr(words_start, word - words_start), out);
        out.severity = severity;
        out.message = line.substr(word + n + 3);
        return out;
      }
    }
    const size_t space = line.find(' ', word);
    if (space == npos) break;
    word = space + 1;
  }
  return std::nullopt;
}

// "duration: 0.1 ms  statement: SQL", "execute <unnamed>: SQL", ... ; parse, bind, bare
// durations (logged after a `statement:` line) and "execute fetch from" (more rows of a portal
// already counted) are Other.
Message classify_message(std::string_view text) {
  Message out;
  if (starts_with(text, "duration: ")) {
    const size_t ms = text.find(" ms");
    if (ms == npos) return out;
    double value = 0;
    const char* first = text.data() + 10;
    const char* last = text.data() + ms;
    if (std::from_chars(first, last, value).ptr == last) out.duration_ms = value;
    text.remove_prefix(ms + 3);
    if (!starts_with(text, "  ")) return out;
    text.remove_prefix(2);
  }
  if (starts_with(text, "statement: ")) {
    out.kind = MessageKind::Statement;
    out.sql = std::string(text.substr(11));
  } else if (starts_with(text, "execute ") && !starts_with(text, "execute fetch from ")) {
    const size_t colon = text.find(": ");
    if (colon == npos) return out;
    out.kind = MessageKind::Execute;
    out.sql = std::string(text.substr(colon + 2));
  }
  return out;
}

// "$1 = '5', $2 = NULL, $3 = 'it''s'" → {"5", nullopt, "it's"}; false when it is not that shape.
bool parse_parameters(const std::string& text, std::vector<StatementParam>& out) {
  size_t pos = 0;
  for (size_t index = 1;; ++index) {
    const std::string name = "$" + std::to_string(index) + " = ";
    if (text.compare(pos, name.size(), name) != 0) return false;
    pos += name.size();
    if (text.compare(pos, 4, "NULL") == 0) {
      out.emplace_back(std::nullopt);
      pos += 4;
    } else if (pos < text.size() && text[pos] == '\'') {
      std::string value;
      for (++pos;; ++pos) {
        if (pos >= text.size()) return false;
        if (text[pos] == '\'') {
          if (text.compare(pos, 2, "''") != 0) break;
          ++pos;
        }
        value += text[pos];
      }
      ++pos;
      out.emplace_back(std::move(value));
    } else {
      return false;
    }
    if (pos == text.size()) return true;
    if (text.compare(pos, 2, ", ") != 0) return false;
    pos += 2;
  }
}

std::string excerpt(const std::string& line) {
  size_t end = std::min<size_t>(line.size(), 80);
  while (end < line.size() && end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) {
    --end;  // do not cut a UTF-8 character in two
  }
  return line.substr(0, end) + (end < line.size() ? "..." : "");
}

class StderrReader {
 public:
  StderrReader(const std::string& source, const LogSink& sink) : source_(source), sink_(sink) {}

  void read_line(std::string line, int number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) return;
    if (line[0] == '\t') {
      continue_record(line, number);
      return;
    }
    std::optional<LogLine> parsed = parse_log_line(line);
    if (!parsed) {
      // A statement just before may have lost its last lines: say so, but still hand it over.
      const bool cut = pending_ && continuation_ != Continuation::Skipped;
      std::string before = cut ? pending_->sql : std::string();
      flush();
      continuation_ = Continuation::None;
      diagnose(number, "not a PostgreSQL stderr log line (unknown log_line_prefix?): " +
                           excerpt(line) + (cut ? "; the statement before may be cut short" : ""),
               std::move(before));
      return;
    }
    if (pending_ && awaits_parameters_ && parsed->severity == "DETAIL" &&
        parsed->pid == pending_->session && starts_with(parsed->message, "parameters: ")) {
      awaits_parameters_ = false;
      has_parameters_ = true;
      parameters_ = parsed->message.substr(12);
      parameters_line_ = number;
      continuation_ = Continuation::Parameters;
      return;
    }
    flush();
    start_record(*parsed, number);
  }

  void finish() { flush(); }

 private:
  // What a tab-indented continuation line continues.
  enum class Continuation { None, Skipped, Sql, Parameters };

  void continue_record(const std::string& line, int number) {
    if (continuation_ == Continuation::None) {
      diagnose(number, "continuation line outside any log record: " + excerpt(line));
    } else if (continuation_ != Continuation::Skipped) {
      std::string& text = continuation_ == Continuation::Sql ? pending_->sql : parameters_;
      text.append("\n").append(line, 1);
    }
  }

  void start_record(LogLine& line, int number) {
    Message message;
    if (line.severity == "LOG") message = classify_message(line.message);
    if (message.kind == MessageKind::Other) {
      continuation_ = Continuation::Skipped;
      return;
    }
    Statement statement;
    statement.sql = std::move(message.sql);
    statement.duration_ms = message.duration_ms;
    statement.session = std::move(line.pid);
    statement.timestamp = std::move(line.timestamp);
    statement.user = std::move(line.user);
    statement.database = std::move(line.database);
    statement.source = source_;
    statement.line = number;
    pending_ = std::move(statement);
    awaits_parameters_ = message.kind == MessageKind::Execute;
    continuation_ = Continuation::Sql;
  }

  void flush() {
    if (!pending_) return;
    Statement statement = std::move(*pending_);
    pending_.reset();
    if (has_parameters_) {
      has_parameters_ = false;
      if (!parse_parameters(parameters_, statement.params)) {
        diagnose(parameters_line_, "cannot read the bind parameters of this execute",
                 std::move(statement.sql));
        return;
      }
    }
    sink_.on_statement(std::move(statement));
  }

  void diagnose(int number, std::string message, std::string statement = {}) {
    sink_.on_diagnostic(Diagnostic{source_, number, std::move(message), std::move(statement)});
  }

  const std::string& source_;
  const LogSink& sink_;
  Continuation continuation_ = Continuation::None;
  std::optional<Statement> pending_;  // read, waiting for its continuation or parameters
  bool awaits_parameters_ = false;    // pending_ is an execute; its DETAIL line may come next
  bool has_parameters_ = false;
  std::string parameters_;
  int parameters_line_ = 0;
};

}  // namespace

bool is_stderr_log_line(const std::string& line) { return parse_log_line(line).has_value(); }

void read_stderr_log(std::istream& in, const std::string& source, const LogSink& sink) {
  StderrReader reader(source, sink);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) reader.read_line(std::move(line), ++number);
  reader.finish();
}

}  // namespace pgadvisor
