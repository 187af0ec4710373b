// Safe replay of one logged statement through EXPLAIN, as DESIGN.md's contract says: reads run
// in a READ ONLY transaction with EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON); writes and SELECT ...
// FOR UPDATE get a plain EXPLAIN; DDL, utility statements, transaction control, multi-statement
// strings and calls of functions whose effects a rollback does not undo are refused. Every
// transaction is rolled back. A refusal or an error is returned with its reason, never thrown.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "plans/pg/session.hpp"
#include "plans/plan/plan_tree.hpp"
#include "plans/sql/statement_kind.hpp"

namespace pgadvisor {

enum class ReplayAction { Analyze, ExplainOnly, Refuse };

struct ReplayDecision {
  ReplayAction action = ReplayAction::Refuse;
  std::string reason;  // why it is refused or only explained; empty for Analyze
};

// Pure: what replay may do with a statement of this class.
ReplayDecision decide_replay(const StatementClass& statement);

enum class ReplayStatus { Analyzed, Explained, Refused, Failed };

struct ReplayResult {
  ReplayStatus status = ReplayStatus::Refused;
  std::string reason;           // refusal, explain-only note or the database's error
  std::optional<Plan> plan;
  nlohmann::json explain_json;  // EXPLAIN's own output, kept for reports and later stages
};

ReplayResult replay_statement(Session& session, const Statement& statement, const StatementClass& statement_class);

std::string replay_status_name(ReplayStatus status);

}  // namespace pgadvisor
