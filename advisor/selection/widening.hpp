// Extend's widening for pgadvisor's greedy: a chosen index grows by one column of its table that
// a template it helps filters, joins, groups or sorts on (indexable_columns), appended to its
// key, up to max_columns; a column it held as INCLUDE moves into the key. Or it gains, as
// INCLUDE, a column such a template reads (up to max_include), towards an index-only scan. Partial and covering
// indexes keep their WHERE and the rest of their INCLUDE. The widened candidates are weighed
// like any other, so one is taken only when it gains more than every other move.
#pragma once

#include <vector>

#include "advisor/selection/index_selection.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

// `templates` are the objective's, in its order; they must outlive the returned function.
Widening widening_for(WorkloadObjective& objective, const std::vector<const QueryTemplate*>& templates,
                      size_t max_columns, size_t max_include);

// The candidates that widen `index` by one of `columns` (those it lacks, in their order).
std::vector<IndexCandidate> widened(const IndexCandidate& index, const std::vector<std::string>& columns,
                                    size_t max_columns);

// The candidates that add one of `columns` (those it holds neither in its key nor INCLUDE) to
// `index`'s INCLUDE, up to max_include: a step towards an index-only scan.
std::vector<IndexCandidate> covering_widened(const IndexCandidate& index, const std::vector<std::string>& columns,
                                             size_t max_include);

}  // namespace pgadvisor
