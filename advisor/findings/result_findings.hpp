// Result smells: findings read from what one SELECT template returns, in its analyzed replay
// plan, that say the application asked for more than it used. Pure: no database.
//
//   heavy_columns                  a SELECT returning >= heavy_min_rows rows whose rows are wide
//                                  (the plan's Plan Width >= heavy_row_width bytes): whole
//                                  model instances, text columns included, for a list
//                                  → .only() / .defer() / values_list()
//   count_for_existence            SELECT COUNT(*) without GROUP BY whose plan counts
//                                  >= count_min_rows rows: when the count is compared with 0,
//                                  .exists() stops at the first row
//   fetch_for_count_or_membership  a SELECT of several columns with no LIMIT, no ORDER BY and no
//                                  aggregate, no IN list of constants (prefetch_related's
//                                  query), returning >= fetch_min_rows rows (below
//                                  PlanFindingOptions::unbounded_rows, where unbounded_result
//                                  takes over): rows fetched for len() or `in`
//                                  → count() / exists() / iterator()
//   count_as_flag                  a SELECT with COUNT(...) in its target list, GROUP BY and
//                                  HAVING COUNT(...) > 0 (or >= 1, or 0 < COUNT(...); a $n is read
//                                  from the sample's parameters), read from the parse tree
//                                  (plans/sql/count_having): the count only says "has a related
//                                  row" → .filter(Exists(...OuterRef('pk'))) / WHERE EXISTS (...),
//                                  with the models, the field and the rewritten statement read
//                                  from the JOIN when it is Django's (a generic fix otherwise)
//
// advisor/findings_stage drops a count_for_existence whose count count_then_fetch already
// explains (the rows are fetched right after). The width is the planner's estimate of the row (its columns' pg_stats avg_width summed), so
// it is known without a database. At most one finding per kind and template; saving_ms is 0.
#pragma once

#include <vector>

#include "advisor/model/finding.hpp"
#include "plans/pg/replay.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

struct ResultFindingOptions {
  double heavy_min_rows = 100;   // heavy_columns: rows returned (all loops)
  int heavy_row_width = 256;     // ... of this many bytes a row (Plan Width)
  double count_min_rows = 100;   // count_for_existence: rows the aggregate counts
  double fetch_min_rows = 1000;  // fetch_for_count_or_membership: rows returned ...
  double fetch_max_rows = 10000; // ... below this (PlanFindingOptions::unbounded_rows)
  size_t fetch_min_columns = 3;  // ... of at least this many selected columns (whole rows)
};

std::vector<Finding> result_findings(const QueryTemplate& tmpl, const ReplayResult& replay,
                                     const ResultFindingOptions& options = {});

}  // namespace pgadvisor
