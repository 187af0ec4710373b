// How the rewrite stage times and compares statements inside its one rolled-back transaction:
// the median of k EXPLAIN ANALYZE runs, where a statement_timeout becomes a lower bound instead
// of an error; a setting changed for one call and put back after it (SET LOCAL semantics); and
// the work_mem at which PostgreSQL hashes the subqueries of a plan that re-scans them per row.
#pragma once

#include <functional>
#include <string>

#include "plans/pg/session.hpp"
#include "plans/plan/plan_tree.hpp"
#include "plans/statement.hpp"

namespace pgadvisor {

struct Timing {
  double ms = 0;             // median of the runs, or the bound it ran into
  bool lower_bound = false;  // canceled by statement_timeout: ms is that timeout
  std::string plan;          // the median run's plan, on one line
};

// k runs (at least one); the first run canceled by statement_timeout ends the timing with
// `timeout_ms` as a lower bound. Other errors throw DatabaseError.
Timing time_statement(Transaction& tx, const Statement& statement, int runs, int timeout_ms);

// Why a rewrite or alternative has no figure: "not measured: <the stage's budget ran out>" for
// a spent --stage-budget, "the database refused it: <error>" otherwise.
std::string unmeasured_reason(const DatabaseError& error);

// Runs `body` with `setting` = `value` for this transaction, then puts the old value back.
void with_setting(Transaction& tx, const std::string& setting, const std::string& value,
                  const std::function<void()>& body);

// kB of work_mem at which the plan's re-scanned subqueries (plain SubPlans) fit a hash table with
// room to spare (128 bytes a planned row); 0 when the plan has none.
long long hashing_work_mem_kb(const Plan& plan);

// True when a filter of the plan tests a SubPlan that is not hashed (re-scanned for every row).
bool has_unhashed_subplan(const Plan& plan);

// "42MB": kB rounded up to whole MB, as SET takes it.
std::string work_mem_text(long long kb);

}  // namespace pgadvisor
