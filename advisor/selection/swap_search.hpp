// Local search after the greedy: the greedy commits to its first choices, and under a tight
// budget an early index can take the room of a better pair. Each round weighs every move that
// keeps the configuration within the index count and the size budget — swap a chosen index for
// an unchosen useful candidate, add one, or drop one — by the whole objective, and applies the
// best that raises the saving by more than `min_gain_share` of it, until none does or
// `max_rounds` have run. A move that brings a candidate in passes the greedy's thresholds for it
// (improves_enough, pays_for_size). Every round only re-plans the templates the moved candidates
// help, through the objective's cache.
#pragma once

#include "advisor/selection/index_selection.hpp"

namespace pgadvisor {

struct SwapLimits {
  size_t max_rounds = 30;
  double min_gain_share = 0.001;
};

// `start` improved; its method gets " + swaps" when a move was applied.
Selection improve_by_swaps(WorkloadObjective& objective, const SelectionOptions& options, Selection start,
                           const SwapLimits& limits = {});

}  // namespace pgadvisor
