#include "plans/pg/replay_measure.hpp"

#include <algorithm>
#include <numeric>

#include "plans/pg/measure_limits.hpp"


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
                   [&](size_t a, size_t b) { return runs[a].ms() < runs[b].ms(); });
  return order[(order.size() - 1) / 2];
}

RunSpread run_spread(const std::vector<ReplayRun>& runs) {
  RunSpread spread;
  if (runs.empty()) return spread;
  auto [low, high] = std::minmax_element(runs.begin(), runs.end(), [](const ReplayRun& a, const ReplayRun& b) {
    return a.ms() < b.ms();
  });
  spread.min_ms = low->ms();
  spread.max_ms = high->ms();
  return spread;
}

std::optional<double> MeasuredRuns::median_ms() const {
  std::optional<size_t> median = median_run(runs);
  if (!median) return std::nullopt;
  return runs[*median].ms();
}

bool is_long_query(double ms, double long_query_ms) { return long_query_ms > 0 && ms > long_query_ms; }

MeasuredRuns measure_median(int runs, const std::function<nlohmann::json()>& run_once,
                            std::optional<double> long_query_ms) {
  const MeasureLimits& limits = current_measure_limits();
  const double threshold = long_query_ms.value_or(limits.long_query_ms);
  if (limits.budget) limits.budget->start_measurement();
  MeasuredRuns measured;
  std::vector<nlohmann::json> outputs;
  for (int run = 0; run < std::max(runs, 1); ++run) {
    outputs.push_back(run_once());
    measured.runs.push_back(measure_run(parse_explain_json(outputs.back())));
    if (run == 0 && runs > 1 && is_long_query(measured.runs.back().ms(), threshold)) {
      measured.long_query = true;
      if (limits.budget) limits.budget->note_long_query();
      break;
    }
  }
  measured.median_output = std::move(outputs[*median_run(measured.runs)]);
  return measured;
}

std::string cache_state(const ReplayRun& run) { return run.shared_read_blocks > 0 ? "cold" : "warm"; }

}  // namespace pgadvisor
