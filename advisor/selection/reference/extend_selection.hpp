// Extend: the reference greedy index selection of Schlosser, Kossmann and Boissier, "Efficient
// Scalable Multi-Attribute Index Selection Using Recursive Strategies" (ICDE 2019), as
// index_selection_evaluation (Kossmann et al., VLDB 2020) runs it. Candidates are the
// single-column indexes on the workload's indexable columns; each step takes, of all ways to
// add one such index or to append one indexable column of its table to a chosen index (up to
// max_width columns), the one of the best ratio of workload cost saved to bytes added, while
// the configuration fits the budget and the step saves more than min_cost_improvement (the
// platform's 0.3 %); it stops when no step does. Simplified: an extension that saves cost
// without adding bytes counts as adding one byte (the platform asserts it never happens);
// costs are asked only of the templates a changed candidate may serve (the same totals).
#pragma once

#include "advisor/selection/reference/reference_selection.hpp"

namespace pgadvisor {

struct ExtendOptions {
  double min_cost_improvement = 1.003;  // a step must cut the cost by this factor
};

ReferenceResult extend_selection(CostSource& costs, const ReferenceInput& input, const ExtendOptions& options = {});

}  // namespace pgadvisor
