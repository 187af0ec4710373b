// Templates' facts read again with the catalog's column lists, so that a column written without
// its table in a query over several tables (TPC-H writes `l_orderkey = o_orderkey`) and a
// subquery's reference to an enclosing query's table resolve to their tables: the candidate
// rules and the what-if layer then see every predicate, join, GROUP BY and ORDER BY column.
#pragma once

#include <deque>
#include <vector>

#include "plans/diagnostic.hpp"
#include "plans/pg/session.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

// Copies of `templates` (in `storage`) with facts extracted with the columns of the tables they
// read; `templates` is repointed to them. A catalog that cannot be read leaves the facts as they
// were, with a diagnostic.
void resolve_with_catalog(Transaction& tx, std::vector<const QueryTemplate*>& templates,
                          std::deque<QueryTemplate>& storage, Diagnostics& diagnostics);

}  // namespace pgadvisor
