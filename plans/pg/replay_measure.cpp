#include "plans/pg/replay_measure.hpp"

#include <algorithm>
#include <numeric>

namespace pgadvisor {

ReplayRun measure_run(const Plan& plan) {
  ReplayRun run;
  run.execution_ms = plan.execution_ms.value_or(0);
  run.planning_ms = plan.planning_ms.value_or(0);
  // The root's buffers include its children's.
  run.shared_hit_blocks = plan.root.shared_hit_blocks.value_or(0);
  run.shared_read_blocks = plan.root.shared_read_blocks.value_or(0);
  return run;
}

std::optional<size_t> median_run(const std::vector<ReplayRun>& runs) {
  if (runs.empty()) return std::nullopt;
  std::vector<size_t> order(runs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return runs[a].execution_ms < runs[b].execution_ms; });
  return order[(order.size() - 1) / 2];
}

RunSpread run_spread(const std::vector<ReplayRun>& runs) {
  RunSpread spread;
  if (runs.empty()) return spread;
  auto [low, high] = std::minmax_element(runs.begin(), runs.end(), [](const ReplayRun& a, const ReplayRun& b) {
    return a.execution_ms < b.execution_ms;
  });
  spread.min_ms = low->execution_ms;
  spread.max_ms = high->execution_ms;
  return spread;
}

std::string cache_state(const ReplayRun& run) { return run.shared_read_blocks > 0 ? "cold" : "warm"; }

}  // namespace pgadvisor
