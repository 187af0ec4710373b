#include "plans/pg/replay.hpp"

#include <fmt/format.h>

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

ReplayResult replay_statement(Session& session, const Statement& statement, const StatementClass& statement_class) {
  ReplayResult result;
  ReplayDecision decision = decide_replay(statement_class);
  result.reason = decision.reason;
  if (decision.action == ReplayAction::Refuse) return result;

  bool analyze = decision.action == ReplayAction::Analyze;
  std::string explain = analyze ? "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " : "EXPLAIN (FORMAT JSON) ";
  try {
    session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
      Rows rows = tx.query(explain + statement.sql, statement.params);
      if (rows.empty() || rows[0].empty() || !rows[0][0]) throw DatabaseError("EXPLAIN returned nothing", "");
      result.explain_json = nlohmann::json::parse(*rows[0][0]);
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
