#include "advisor/selection/swap_search.hpp"

#include <algorithm>
#include <optional>

namespace pgadvisor {
namespace {

struct Move {
  Configuration next;
  double net_ms = 0;
};

bool fits(WorkloadObjective& objective, const Configuration& next, const SelectionOptions& options) {
  if (next.size() > options.max_indexes) return false;
  return options.budget_bytes <= 0 || objective.size_bytes(next) <= options.budget_bytes;
}

// Whether bringing `added` into `without` (giving `next`) passes the greedy's thresholds.
bool admissible(WorkloadObjective& objective, size_t added, const Configuration& without, const Configuration& next,
                const SelectionOptions& options) {
  double gain = objective.delta_ms(without, next);
  if (gain <= std::max(options.min_benefit_ms, 0.0)) return false;
  if (!improves_enough(objective, added, without, next, options)) return false;
  return pays_for_size(gain, objective.size_bytes(next) - objective.size_bytes(without), options);
}

}  // namespace

Selection improve_by_swaps(WorkloadObjective& objective, const SelectionOptions& options, Selection start,
                           const SwapLimits& limits) {
  Configuration current = start.chosen;
  double current_ms = objective.net_ms(current);
  bool moved = false;
  for (size_t round = 0; round < limits.max_rounds; ++round) {
    std::optional<Move> best;
    auto consider = [&](const Configuration& next) {
      double net = current_ms + objective.delta_ms(current, next);
      if (net > current_ms + limits.min_gain_share * std::max(std::abs(current_ms), 1e-9) && (!best || net > best->net_ms))
        best = Move{next, net};
    };
    for (size_t out : current) consider(changed(current, std::nullopt, out));  // a drop
    std::vector<std::optional<size_t>> outs = {std::nullopt};
    for (size_t out : current) outs.push_back(out);
    for (size_t in : objective.useful_candidates()) {
      if (std::binary_search(current.begin(), current.end(), in)) continue;
      for (const auto& out : outs) {
        Configuration without = changed(current, std::nullopt, out);
        Configuration next = changed(without, in, std::nullopt);
        if (!fits(objective, next, options) || !admissible(objective, in, without, next, options)) continue;
        consider(next);
      }
    }
    if (!best) break;
    current = best->next;
    current_ms = best->net_ms;
    moved = true;
  }
  if (!moved) return start;
  return {current, objective.net_ms(current), objective.size_bytes(current), start.method + " + swaps"};
}

}  // namespace pgadvisor
