#include "plans/log/log_message.hpp"

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

#include "plans/log/auto_explain.hpp"
#include "plans/log/bind_parameters.hpp"
#include "plans/log/text_scan.hpp"
#include "plans/sql/prepared_execute.hpp"

namespace pgadvisor {
namespace {

// PostgreSQL 13+ ends a value cut short by log_parameter_max_length with "..." inside its quotes.
bool cut_short(const StatementParam& value) {
  return value && value->size() >= 3 && value->compare(value->size() - 3, 3, "...") == 0;
}

// A message after which no bare duration will come for the statement before it.
bool ends_session_statement(const LogMessage& message) {
  if (message.severity == "ERROR" || message.severity == "FATAL" || message.severity == "PANIC") {
    return true;
  }
  return message.severity == "LOG" && starts_with(message.message, "disconnection: ");
}

}  // namespace

ClassifiedMessage classify_log_message(std::string_view text) {
  ClassifiedMessage out;
  if (starts_with(text, "duration: ")) {
    const size_t ms = text.find(" ms");
    if (ms == npos) return out;
    double value = 0;
    const char* first = text.data() + 10;
    const char* last = text.data() + ms;
    if (std::from_chars(first, last, value).ptr != last) return out;
    out.duration_ms = value;
    text.remove_prefix(ms + 3);
    if (text.empty()) {
      out.kind = MessageKind::Duration;
      return out;
    }
    if (!starts_with(text, "  ")) return out;
    text.remove_prefix(2);
    if (starts_with(text, "plan:")) {
      out.kind = MessageKind::Plan;
      text.remove_prefix(5);
      if (starts_with(text, "\n")) text.remove_prefix(1);
      out.sql = std::string(text);
      return out;
    }
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

StatementAssembler::StatementAssembler(const std::string& source, const LogSink& sink)
    : source_(source), sink_(sink) {}

void StatementAssembler::add(LogMessage&& message) {
  const auto found = pending_.find(message.session);
  Pending* pending = found == pending_.end() ? nullptr : &found->second;
  if (message.severity == "DETAIL") {  // stderr: the DETAIL of the message before
    if (pending != nullptr && pending->awaits_detail) {
      take_detail(*pending, message.message, message.line);
      if (!pending->awaits_duration) flush(message.session);
    }
    return;
  }
  if (pending != nullptr && pending->awaits_detail) {
    pending->awaits_detail = false;  // an execute without parameters
    if (!pending->awaits_duration) {
      flush(message.session);
      pending = nullptr;
    }
  }
  if (message.severity != "LOG") {
    if (pending != nullptr && ends_session_statement(message)) flush(message.session);
    return;
  }
  ClassifiedMessage classified = classify_log_message(message.message);
  switch (classified.kind) {
    case MessageKind::Statement:
    case MessageKind::Execute:
      if (pending != nullptr) flush(message.session);
      start(message, std::move(classified));
      return;
    case MessageKind::Duration:
      if (pending != nullptr && pending->awaits_duration) {
        pending->statement.duration_ms = classified.duration_ms;
        pending->awaits_duration = false;
        if (!pending->awaits_detail) flush(message.session);
      }
      return;  // else the end of a parse, bind or unlogged statement
    case MessageKind::Plan:
      take_plan(message);
      return;
    case MessageKind::Other:
      if (pending != nullptr && ends_session_statement(message)) flush(message.session);
      return;
  }
}

void StatementAssembler::take_plan(LogMessage& message) {
  std::optional<AutoExplainRecord> record = parse_auto_explain(message.message);
  if (!record) return;
  if (!record->error.empty()) {
    diagnose(message.line, "auto_explain plan cannot be read: " + record->error);
    return;
  }
  auto pending = pending_.find(message.session);
  if (pending != pending_.end() && pending->second.statement.sql == record->query_text) {
    pending->second.statement.logged_plan = std::move(record->plan_text);  // logged before its plan
    return;
  }
  release_plan(message.session, "", nullptr);  // an earlier plan nobody claimed
  Statement& statement = plans_[message.session];
  statement.sql = std::move(record->query_text);
  statement.logged_plan = std::move(record->plan_text);
  statement.duration_ms = record->duration_ms;
  take_origin(statement, message);
}

// Where the statement comes from: its session, time, user, database and log line.
void StatementAssembler::take_origin(Statement& statement, LogMessage& message) const {
  statement.session = std::move(message.session);
  statement.timestamp = std::move(message.timestamp);
  statement.user = std::move(message.user);
  statement.database = std::move(message.database);
  statement.application = std::move(message.application);
  statement.source = source_;
  statement.line = message.line;
}

// The session's unclaimed plan goes to `claimant` when its text is `claiming_sql`, else it is
// handed over as a statement of its own.
void StatementAssembler::release_plan(const std::string& session, const std::string& claiming_sql, Statement* claimant) {
  auto found = plans_.find(session);
  if (found == plans_.end()) return;
  if (claimant != nullptr && found->second.sql == claiming_sql)
    claimant->logged_plan = std::move(found->second.logged_plan);
  else
    sink_.on_statement(std::move(found->second));
  plans_.erase(found);
}

void StatementAssembler::start(LogMessage& message, ClassifiedMessage&& classified) {
  Pending& pending = pending_[message.session];
  Statement& statement = pending.statement;
  statement.sql = std::move(classified.sql);
  statement.duration_ms = classified.duration_ms;
  take_origin(statement, message);
  release_plan(statement.session, statement.sql, &statement);
  pending.awaits_duration = classified.duration_ms < 0;
  const bool may_have_detail = classified.kind == MessageKind::Execute || looks_like_execute(statement.sql);
  if (may_have_detail) {
    if (message.detail) {
      take_detail(pending, *message.detail, message.line);
    } else {
      pending.awaits_detail = true;
    }
  }
  if (!pending.awaits_detail && !pending.awaits_duration) flush(statement.session);
}

void StatementAssembler::take_detail(Pending& pending, const std::string& detail, int line) {
  pending.awaits_detail = false;
  if (starts_with(detail, "parameters: ")) {
    pending.parameters = detail.substr(12);
    pending.parameters_line = line;
  } else if (starts_with(detail, "prepare: ")) {
    pending.prepare = detail.substr(9);
    pending.prepare_line = line;
  }
}

// An SQL-level EXECUTE becomes the query it runs, its arguments bind parameters.
void StatementAssembler::resolve_execute(Pending& pending) {
  Statement& statement = pending.statement;
  ResolvedExecute resolved = resolve_prepared_execute(statement.sql, *pending.prepare);
  if (!resolved.ok()) {
    diagnose(pending.prepare_line, "kept as logged, not as its prepared query: " + resolved.error, statement.sql);
    return;
  }
  statement.sql = std::move(resolved.sql);
  statement.params = std::move(resolved.params);
}

void StatementAssembler::flush(std::string session) {
  const auto found = pending_.find(session);
  if (found == pending_.end()) return;
  Pending pending = std::move(found->second);
  pending_.erase(found);
  Statement& statement = pending.statement;
  if (pending.prepare) resolve_execute(pending);
  if (pending.parameters) {
    auto params = parse_bind_parameters(*pending.parameters);
    if (!params) {
      diagnose(pending.parameters_line, "cannot read the bind parameters of this execute",
               std::move(statement.sql));
      return;
    }
    statement.params = std::move(*params);
    if (std::any_of(statement.params.begin(), statement.params.end(), cut_short)) {
      statement.truncated = true;
      diagnose(pending.parameters_line,
               "a bind parameter was cut short by log_parameter_max_length ('...'); the "
               "statement cannot be replayed with its logged values",
               statement.sql);
    }
  }
  sink_.on_statement(std::move(statement));
}

void StatementAssembler::finish() {
  std::vector<std::pair<int, std::string>> left;
  for (const auto& [session, pending] : pending_)
    left.emplace_back(pending.statement.line, session);
  for (const auto& [session, plan] : plans_) left.emplace_back(plan.line, session);
  std::sort(left.begin(), left.end());
  for (const auto& [line, session] : left) {
    flush(session);
    release_plan(session, "", nullptr);
  }
}

void StatementAssembler::diagnose(int line, std::string message, std::string statement) {
  sink_.on_diagnostic(Diagnostic{source_, line, std::move(message), std::move(statement)});
}

}  // namespace pgadvisor
