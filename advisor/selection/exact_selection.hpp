// Exact index selection, to measure how close the greedy gets: the best configuration of useful
// candidates within the same index count and size budget, by the same objective. Candidates
// fall into independent groups (two candidates are linked when some template is helped by
// both); each group's subsets are enumerated, kept as a Pareto front of (size, count, saving),
// and the fronts are combined like a knapsack. Refused (nullopt, with the reason) when a group
// has more candidates than `max_group` or the fronts grow past `max_states`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "advisor/selection/index_selection.hpp"

namespace pgadvisor {

struct ExactLimits {
  size_t max_group = 14;
  size_t max_states = 200000;
  // When set, only these candidates are enumerated (the rules' candidates and the chosen ones:
  // the widenings the search made and did not take would only grow the groups).
  std::optional<std::vector<size_t>> among;
};

std::optional<Selection> select_exact(WorkloadObjective& objective, const SelectionOptions& options,
                                      std::string& refusal, const ExactLimits& limits = {});

}  // namespace pgadvisor
