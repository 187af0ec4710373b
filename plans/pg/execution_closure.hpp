// The closure of a statement: everything PostgreSQL may execute for it, resolved from the
// catalogs rather than read from its text — the functions it calls, the functions behind the
// operators and casts it uses, the views it reads (recursively, through their stored queries),
// row-security policies, and for a write everything write_closure finds (triggers, defaults,
// constraints, index expressions of every partition, child and cascade level). Each function
// reached is checked against the allow list (function_allow_list). The verdict says whether the
// statement may only be explained (a function not allowed runs when it executes) or must not
// even be planned (one the planner itself would run: IMMUTABLE or STABLE, or an operator's
// estimator). Errors throw DatabaseError.
#pragma once

#include <string>
#include <vector>

#include "plans/pg/session.hpp"

namespace pgadvisor {

enum class ClosureRisk { None, AtExecution, AtPlanning };

struct ClosureVerdict {
  ClosureRisk risk = ClosureRisk::None;
  std::string reason;  // empty when risk is None
};

// `trusted`: the --allow-function names.
ClosureVerdict check_execution_closure(Transaction& tx, const std::string& sql, const std::vector<std::string>& trusted);

}  // namespace pgadvisor
