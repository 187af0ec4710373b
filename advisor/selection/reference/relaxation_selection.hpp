// Relaxation: the reference index selection of Bruno and Chaudhuri, "Automatic Physical Database
// Tuning: A Relaxation-based Approach" (SIGMOD 2005), as index_selection_evaluation (Kossmann et
// al., VLDB 2020) runs it. It starts from the indexes each template's plan uses when every
// syntactically relevant index (each ordered choice of up to max_width of its indexable columns
// of one table) exists, and while that configuration exceeds the budget replaces it by the
// relaxation of least penalty: removing an index, replacing one by a prefix, merging two of a
// table (the first's columns, then the second's others, cut at max_width) or splitting two
// (their common columns, and each one's rest). The penalty is the cost increase over the bytes
// saved (counted up to what the budget still needs); a relaxation that lowers the cost has the
// decrease times the bytes saved. Simplified: one configuration is relaxed at a time (the
// paper keeps several); no clustered indexes. Unlike the platform, the increase is measured from
// the current configuration (the paper's ΔT), not from the first one.
#pragma once

#include "advisor/selection/reference/reference_selection.hpp"

namespace pgadvisor {

ReferenceResult relaxation_selection(CostSource& costs, const ReferenceInput& input);

}  // namespace pgadvisor
