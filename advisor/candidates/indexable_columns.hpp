// Indexable columns: the plain columns of each table that a template compares with a constant
// or a subquery (IN), joins on, groups or sorts by, at any SELECT level; what the reference selection algorithms
// (advisor/selection/reference/) build their indexes from, as the index selection papers'
// "attributes accessed by a query" restricted to the clauses an index can serve. Columns whose
// table is unresolved and expressions (lower(email)) are left out.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "plans/workload/workload.hpp"

namespace pgadvisor {

// table (QueryFacts' qualified name) → its columns, distinct, in the order the query first uses them
using IndexableColumns = std::map<std::string, std::vector<std::string>>;

// Clauses: the columns above. Referenced: every column a level reads (its target list too), as
// index_selection_evaluation takes every column a query names, which lets covering indexes in.
enum class IndexableScope { Clauses, Referenced };

IndexableColumns indexable_columns(const QueryTemplate& tmpl, IndexableScope scope = IndexableScope::Clauses);

}  // namespace pgadvisor
