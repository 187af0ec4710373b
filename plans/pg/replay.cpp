#include "plans/pg/replay.hpp"

#include <fmt/format.h>

#include "plans/pg/explain.hpp"

namespace pgadvisor {

ReplayDecision decide_replay(const StatementClass& statement) {
  switch (statement.kind) {
    case StatementKind::Invalid:
      return {ReplayAction::Refuse, "does not parse: " + statement.node};
    case StatementKind::Empty:
      return {ReplayAction::Refuse, "empty statement"};
    case StatementKind::Multiple:
      return {ReplayAction::Refuse, fmt::format("multi-statement string ({}) is never executed", statement.node)};
    case StatementKind::Ddl:
      return {ReplayAction::Refuse, fmt::format("DDL ({}) is never executed", statement.node)};
    case StatementKind::Utility:
      return {ReplayAction::Refuse, fmt::format("utility statement ({}) is never executed", statement.node)};
    case StatementKind::Transaction:
      return {ReplayAction::Refuse, "transaction control is not replayed: each statement runs in its own rolled-back transaction"};
    default:
      break;
  }
  if (!statement.unsafe_functions.empty()) {
    return {ReplayAction::Refuse,
            fmt::format("calls {}(), whose effects a rollback does not undo", statement.unsafe_functions.front())};
  }
  if (statement.kind == StatementKind::SelectForUpdate)
    return {ReplayAction::ExplainOnly, "takes row locks: explained without ANALYZE"};
  if (is_write(statement.kind))
    return {ReplayAction::ExplainOnly, fmt::format("{}: explained without ANALYZE", statement_kind_name(statement.kind))};
  return {ReplayAction::Analyze, ""};
}

namespace {

// The first called function that is volatile and not built in: a user's function may act
// outside the transaction (dblink, files, notifications), so it is planned, never executed.
std::string volatile_user_function(Transaction& tx, const std::vector<std::string>& functions) {
  if (functions.empty()) return "";
  std::string names;
  for (const auto& name : functions) names += (names.empty() ? "" : "\x1f") + name;
  Rows rows = tx.query(
      "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
      "WHERE p.proname = ANY (string_to_array($1, E'\\x1f')) AND p.provolatile = 'v' "
      "AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1 LIMIT 1",
      {names});
  return rows.empty() ? "" : rows[0][0].value_or("");
}

}  // namespace

ReplayResult replay_statement(Session& session, const Statement& statement, const StatementClass& statement_class) {
  ReplayResult result;
  ReplayDecision decision = decide_replay(statement_class);
  result.reason = decision.reason;
  if (decision.action == ReplayAction::Refuse) return result;

  bool analyze = decision.action == ReplayAction::Analyze;
  try {
    session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
      std::string user_function = analyze ? volatile_user_function(tx, statement_class.functions) : "";
      if (!user_function.empty()) {
        analyze = false;
        result.reason = fmt::format("calls {}(), a volatile user function: explained without ANALYZE", user_function);
      }
      if (analyze && missing_parameters(statement) > 0) {
        analyze = false;
        result.reason = "no parameter values logged: generic plan, not analyzed";
      }
      result.explain_json =
          explain_statement(tx, statement, analyze ? ExplainMode::Analyze : ExplainMode::PlanOnly, false);
    });
    result.plan = parse_explain_json(result.explain_json);
    result.status = analyze ? ReplayStatus::Analyzed : ReplayStatus::Explained;
  } catch (const DatabaseError& error) {
    result.status = ReplayStatus::Failed;
    result.reason = error.sqlstate() == "57014" ? "canceled by statement_timeout" : error.what();
  } catch (const std::exception& error) {  // malformed EXPLAIN JSON
    result.status = ReplayStatus::Failed;
    result.reason = error.what();
  }
  return result;
}

std::string replay_status_name(ReplayStatus status) {
  switch (status) {
    case ReplayStatus::Analyzed: return "analyzed";
    case ReplayStatus::Explained: return "explained";
    case ReplayStatus::Refused: return "refused";
    case ReplayStatus::Failed: return "failed";
  }
  return "unknown";
}

}  // namespace pgadvisor
