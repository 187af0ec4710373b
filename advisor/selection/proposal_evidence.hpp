// The evidence behind each chosen index: with the whole chosen configuration in place, each
// template's what-if plan tells which chosen indexes it uses; the template's saving is shared
// among them. A chosen index that no plan uses serves nothing and is left out.
#pragma once

#include <vector>

#include "advisor/whatif/cost_model.hpp"
#include "advisor/model/index_proposal.hpp"
#include "advisor/whatif/whatif_cache.hpp"
#include "advisor/whatif/workload_objective.hpp"

namespace pgadvisor {

std::vector<IndexProposal> build_proposals(WorkloadObjective& objective, WhatIfCache& cache, const Configuration& chosen,
                                           const std::vector<TimeScale>& scales);

}  // namespace pgadvisor
