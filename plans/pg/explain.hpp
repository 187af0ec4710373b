// The EXPLAIN of one logged statement inside the caller's transaction, its bind parameters
// passed apart from the text. A statement with $n placeholders but no logged values (as
// pg_stat_statements keeps them) is planned generically, the way PostgreSQL 15 allows:
// PREPARE, plan_cache_mode = force_generic_plan, EXPLAIN EXECUTE with NULLs, DEALLOCATE; it is
// never analyzed, since NULLs are not its real values. Errors throw DatabaseError.
#pragma once

#include <nlohmann/json.hpp>

#include "plans/pg/session.hpp"
#include "plans/statement.hpp"

namespace pgadvisor {

enum class ExplainMode { Analyze, PlanOnly };

// How many $n placeholders wait for values the statement does not carry (0: none).
int missing_parameters(const Statement& statement);

// EXPLAIN's JSON output. With `in_savepoint`, an error leaves the transaction usable.
nlohmann::json explain_statement(Transaction& tx, const Statement& statement, ExplainMode mode, bool in_savepoint);

}  // namespace pgadvisor
