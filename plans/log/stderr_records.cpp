#include "plans/log/stderr_records.hpp"

#include <utility>

#include "plans/log/line_reader.hpp"
#include "plans/log/log_line_prefix_format.hpp"
#include "plans/log/text_scan.hpp"

namespace pgadvisor {

void StderrRecords::read_line(std::string_view line, int number) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty()) return;
  if (line[0] == '\t') {
    if (skipping_) return;  // the rest of a record left out
    if (current_ && current_->message.size() + line.size() > kMaxRecordBytes) {
      diagnose(current_->line, "log record longer than " + std::to_string(kMaxRecordBytes >> 20) +
                                   " MiB (the limit on a record): left out");
      current_.reset();
      skipping_ = true;
    } else if (current_) {
      current_->message.append("\n").append(line.substr(1));
    } else {
      diagnose(number, "continuation line outside any log record: " + excerpt(line));
    }
    return;
  }
  skipping_ = false;
  if (!parse_prefix(line)) {
    // The record before may have lost its last lines: say so; it is handed over all the same.
    std::string before = current_ ? statement_text(*current_) : std::string();
    const bool cut = !before.empty();
    end_current_record();
    diagnose(number, "not a PostgreSQL stderr log line (unknown log_line_prefix?): " + excerpt(line) +
                         (cut ? "; the statement before may be cut short" : ""),
             std::move(before));
    return;
  }
  end_current_record();
  LogMessage& message = current_.emplace();
  message.session = parsed_.pid.empty() ? std::move(parsed_.session_id) : std::move(parsed_.pid);
  message.application = std::move(parsed_.application);
  message.timestamp = std::move(parsed_.timestamp);
  message.user = std::move(parsed_.user);
  message.database = std::move(parsed_.database);
  message.severity = std::move(parsed_.severity);
  message.message = std::move(parsed_.message);
  message.line = number;  // a DETAIL line is a record of its own
}

void StderrRecords::skip_cut_line(std::string_view head) {
  if (!head.empty() && head[0] == '\t') {
    current_.reset();
  } else {
    end_current_record();
  }
  skipping_ = true;
}

bool StderrRecords::starts_record(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return !line.empty() && line[0] != '\t' && parse_prefix(line);
}

// The SQL (or bind parameters) a record carries, empty for a record that carries none.
std::string StderrRecords::statement_text(const LogMessage& message) {
  if (message.severity == "DETAIL") {
    return starts_with(message.message, "parameters: ") ? message.message : std::string();
  }
  if (message.severity != "LOG") return {};
  ClassifiedMessage classified = classify_log_message(message.message);
  const bool statement = classified.kind == MessageKind::Statement || classified.kind == MessageKind::Execute;
  return statement ? std::move(classified.sql) : std::string();
}

// Reads the line's prefix into parsed_; false when it has none this reader knows.
bool StderrRecords::parse_prefix(std::string_view line) {
  if (!prefix_) return parse_log_line_prefix(line, parsed_);
  std::optional<LogLinePrefix> parsed = prefix_->parse(std::string(line));
  if (parsed) parsed_ = std::move(*parsed);
  return parsed.has_value();
}

void StderrRecords::end_current_record() {
  if (!current_) return;
  LogMessage message = std::move(*current_);
  current_.reset();
  records_.on_record(std::move(message));
}

void StderrRecords::diagnose(int number, std::string message, std::string statement) {
  records_.on_diagnostic(Diagnostic{source_, number, std::move(message), std::move(statement)});
}

void StderrRecords::read_all(LineReader& lines) {
  std::string_view line;
  while (lines.next(line)) {
    if (lines.cut())
      skip_cut_line(line);
    else
      read_line(line, lines.number());
  }
  end();
}

}  // namespace pgadvisor
