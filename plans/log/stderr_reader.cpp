#include "plans/log/stderr_reader.hpp"

#include <optional>
#include <utility>

#include "plans/log/line_reader.hpp"
#include "plans/log/log_line_prefix.hpp"
#include "plans/log/log_line_prefix_format.hpp"
#include "plans/log/log_message.hpp"
#include "plans/log/text_scan.hpp"

namespace pgadvisor {
namespace {

// Gathers each record's lines (the prefixed first line and its tab-indented continuation lines)
// into one LogMessage and hands it to the StatementAssembler when the next line starts.
class StderrReader {
 public:
  StderrReader(const std::string& source, const LogSink& sink, const LogLinePrefixFormat* prefix)
      : source_(source), sink_(sink), prefix_(prefix), assembler_(source, sink) {}

  void read_line(std::string line, int number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) return;
    if (line[0] == '\t') {
      if (skipping_) return;  // the rest of a record left out
      if (current_ && current_->message.size() + line.size() > kMaxRecordBytes) {
        diagnose(current_->line, "log record longer than " + std::to_string(kMaxRecordBytes >> 20) +
                                     " MiB (the limit on a record): left out");
        current_.reset();
        skipping_ = true;
      } else if (current_) {
        current_->message.append("\n").append(line, 1);
      } else {
        diagnose(number, "continuation line outside any log record: " + excerpt(line));
      }
      return;
    }
    skipping_ = false;
    std::optional<LogLinePrefix> parsed = prefix_ ? prefix_->parse(line) : parse_log_line_prefix(line);
    if (!parsed) {
      // The record before may have lost its last lines: say so; it is handed over all the same.
      std::string before = current_ ? statement_text(*current_) : std::string();
      const bool cut = !before.empty();
      end_current_record();
      diagnose(number, "not a PostgreSQL stderr log line (unknown log_line_prefix?): " +
                           excerpt(line) + (cut ? "; the statement before may be cut short" : ""),
               std::move(before));
      return;
    }
    end_current_record();
    LogMessage& message = current_.emplace();
    message.session = parsed->pid.empty() ? std::move(parsed->session_id) : std::move(parsed->pid);
    message.application = std::move(parsed->application);
    message.timestamp = std::move(parsed->timestamp);
    message.user = std::move(parsed->user);
    message.database = std::move(parsed->database);
    message.severity = std::move(parsed->severity);
    message.message = std::move(parsed->message);
    message.line = number;  // a DETAIL line is a record of its own
  }

  // A line over the limit (LineReader said so), of which only `head` is known: the record it
  // starts, or the one it continues, is left out.
  void skip_cut_line(const std::string& head) {
    if (!head.empty() && head[0] == '\t') {
      current_.reset();
    } else {
      end_current_record();
    }
    skipping_ = true;
  }

  void finish() {
    end_current_record();
    assembler_.finish();
  }

 private:
  // The SQL (or bind parameters) a record carries, empty for a record that carries none.
  static std::string statement_text(const LogMessage& message) {
    if (message.severity == "DETAIL") {
      return starts_with(message.message, "parameters: ") ? message.message : std::string();
    }
    if (message.severity != "LOG") return {};
    ClassifiedMessage classified = classify_log_message(message.message);
    const bool statement =
        classified.kind == MessageKind::Statement || classified.kind == MessageKind::Execute;
    return statement ? std::move(classified.sql) : std::string();
  }

  void end_current_record() {
    if (!current_) return;
    LogMessage message = std::move(*current_);
    current_.reset();
    assembler_.add(std::move(message));
  }

  void diagnose(int number, std::string message, std::string statement = {}) {
    sink_.on_diagnostic(Diagnostic{source_, number, std::move(message), std::move(statement)});
  }

  const std::string& source_;
  const LogSink& sink_;
  const LogLinePrefixFormat* prefix_;
  StatementAssembler assembler_;
  std::optional<LogMessage> current_;  // the record whose continuation lines may follow
  bool skipping_ = false;              // continuation lines of a record left out follow
};

}  // namespace

bool is_stderr_log_line(const std::string& line) {
  return parse_log_line_prefix(line).has_value();
}

namespace {
void read_lines(std::istream& in, const std::string& source, const LogSink& sink,
                StderrReader& reader) {
  LineReader lines(in, source, sink);
  std::string line;
  while (lines.next(line)) {
    if (lines.cut()) {
      reader.skip_cut_line(line);
    } else {
      reader.read_line(std::move(line), lines.number());
    }
  }
  reader.finish();
}
}  // namespace

void read_stderr_log(std::istream& in, const std::string& source, const LogSink& sink) {
  StderrReader reader(source, sink, nullptr);
  read_lines(in, source, sink, reader);
}

void read_stderr_log(std::istream& in, const std::string& source, const LogSink& sink,
                     const LogLinePrefixFormat& prefix) {
  StderrReader reader(source, sink, &prefix);
  read_lines(in, source, sink, reader);
}

}  // namespace pgadvisor
