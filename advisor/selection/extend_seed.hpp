// A second start for pgadvisor's selection: Extend (advisor/selection/reference) run on the same
// objective — its weights are the objective's (calls × ms per cost), its columns each template's
// indexable ones — within the size budget. Its indexes join the objective's candidates; those
// that, given the others, save the minimum benefit and pay for their size are kept, the least
// valuable dropped past the index count. The caller keeps whichever of this and the greedy's
// choice saves more, and improves it by swaps: so pgadvisor's choice is never worse, by its own
// objective, than Extend's under the same thresholds. Without a budget there is nothing to seed.
#pragma once

#include <optional>
#include <vector>

#include "advisor/selection/index_selection.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

std::optional<Selection> extend_seeded(WorkloadObjective& objective, const std::vector<const QueryTemplate*>& templates,
                                       const SelectionOptions& options, size_t max_width);

}  // namespace pgadvisor
