// The conjuncts every branch of an OR has: in `(a = b AND x = 1) OR (a = b AND x = 2)`, `a = b`.
// PostgreSQL's planner pulls them out of the OR before it plans (prepqual.c, find_duplicate_ors),
// so `a = b` is a join condition of the query, and an index on a or b can serve it. TPC-H's Q19
// writes its only join condition this way. Branches are compared as parse trees without source
// positions.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

namespace pgadvisor {

// `branches`: the args of a libpg_query BoolExpr OR_EXPR. The common conjuncts, as nodes of the
// first branch, in its order; empty when there is none.
std::vector<nlohmann::json> common_conjuncts(const nlohmann::json& branches);

}  // namespace pgadvisor
