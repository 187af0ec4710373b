#include "plans/log/stderr_reader.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "plans/log/bind_parameters.hpp"
#include "plans/log/log_line_prefix.hpp"
#include "plans/log/text_scan.hpp"

namespace pgadvisor {
namespace {

enum class MessageKind { Other, Statement, Execute };

struct Message {
  MessageKind kind = MessageKind::Other;
  double duration_ms = -1;
  std::string sql;
};

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

// A statement read but not handed over yet: its continuation lines or its parameters may follow.
struct Pending {
  Statement statement;
  bool awaits_parameters = false;  // an execute whose DETAIL line has not been read yet
  std::optional<std::string> parameters;
  int parameters_line = 0;
};

// Keeps at most one pending statement per session (pid), so that the DETAIL line of an execute
// finds it even when lines of other sessions came in between.
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
    std::optional<LogLinePrefix> parsed = parse_log_line_prefix(line);
    if (!parsed) {
      // The record before may have lost its last lines: say so; it is handed over all the same.
      const bool cut =
          continuation_ == Continuation::Sql || continuation_ == Continuation::Parameters;
      std::string before = cut ? current_->statement.sql : std::string();
      end_current_record();
      diagnose(number, "not a PostgreSQL stderr log line (unknown log_line_prefix?): " +
                           excerpt(line) + (cut ? "; the statement before may be cut short" : ""),
               std::move(before));
      return;
    }
    end_current_record();
    if (parsed->severity == "DETAIL" && starts_with(parsed->message, "parameters: ")) {
      const auto session = pending_.find(parsed->pid);
      if (session != pending_.end() && session->second.awaits_parameters) {
        Pending& execute = session->second;
        execute.awaits_parameters = false;
        execute.parameters = parsed->message.substr(12);
        execute.parameters_line = number;
        current_ = &execute;
        continuation_ = Continuation::Parameters;
        return;
      }
    }
    flush(parsed->pid);  // an execute of this session still waiting: it has no parameters
    start_record(*parsed, number);
  }

  // Hands over what is still pending, in the order the statements start.
  void finish() {
    end_current_record();
    std::vector<std::pair<int, std::string>> left;
    for (const auto& [pid, pending] : pending_) left.emplace_back(pending.statement.line, pid);
    std::sort(left.begin(), left.end());
    for (const auto& [line, pid] : left) flush(pid);
  }

 private:
  // What a tab-indented continuation line continues.
  enum class Continuation { None, Skipped, Sql, Parameters };

  void continue_record(const std::string& line, int number) {
    if (continuation_ == Continuation::None) {
      diagnose(number, "continuation line outside any log record: " + excerpt(line));
    } else if (continuation_ != Continuation::Skipped) {
      std::string& text = continuation_ == Continuation::Sql ? current_->statement.sql
                                                              : *current_->parameters;
      text.append("\n").append(line, 1);
    }
  }

  void start_record(LogLinePrefix& line, int number) {
    Message message;
    if (line.severity == "LOG") message = classify_message(line.message);
    if (message.kind == MessageKind::Other) {
      continuation_ = Continuation::Skipped;
      return;
    }
    Pending& pending = pending_[line.pid];
    pending.statement.sql = std::move(message.sql);
    pending.statement.duration_ms = message.duration_ms;
    pending.statement.session = std::move(line.pid);
    pending.statement.timestamp = std::move(line.timestamp);
    pending.statement.user = std::move(line.user);
    pending.statement.database = std::move(line.database);
    pending.statement.source = source_;
    pending.statement.line = number;
    pending.awaits_parameters = message.kind == MessageKind::Execute;
    current_ = &pending;
    continuation_ = Continuation::Sql;
  }

  // A new line starts: the record before has all its lines. It is handed over unless it is an
  // execute still waiting for its parameters.
  void end_current_record() {
    Pending* current = current_;
    current_ = nullptr;
    continuation_ = Continuation::None;
    if (current != nullptr && !current->awaits_parameters) flush(current->statement.session);
  }

  void flush(const std::string& pid) {
    const auto session = pending_.find(pid);
    if (session == pending_.end()) return;
    Pending pending = std::move(session->second);
    pending_.erase(session);
    if (pending.parameters) {
      auto params = parse_bind_parameters(*pending.parameters);
      if (!params) {
        diagnose(pending.parameters_line, "cannot read the bind parameters of this execute",
                 std::move(pending.statement.sql));
        return;
      }
      pending.statement.params = std::move(*params);
    }
    sink_.on_statement(std::move(pending.statement));
  }

  void diagnose(int number, std::string message, std::string statement = {}) {
    sink_.on_diagnostic(Diagnostic{source_, number, std::move(message), std::move(statement)});
  }

  const std::string& source_;
  const LogSink& sink_;
  std::map<std::string, Pending> pending_;  // by pid
  Pending* current_ = nullptr;  // in pending_: the record that continuation lines extend
  Continuation continuation_ = Continuation::None;
};

}  // namespace

bool is_stderr_log_line(const std::string& line) {
  return parse_log_line_prefix(line).has_value();
}

void read_stderr_log(std::istream& in, const std::string& source, const LogSink& sink) {
  StderrReader reader(source, sink);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) reader.read_line(std::move(line), ++number);
  reader.finish();
}

}  // namespace pgadvisor
