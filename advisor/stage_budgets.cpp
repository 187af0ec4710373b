#include "advisor/stage_budgets.hpp"

namespace pgadvisor {

// Rewrites: a rewrite is proposed only once measured faster, so its measurements decide advice:
// 2 min. --verify was asked for, and its before and after passes share one budget: 5 min.
// Finding savings only orders findings (and on analytical logs re-runs every spilling query
// 2k+1 times): 1 min.
const std::vector<MeasuredStage>& measured_stages() {
  static const std::vector<MeasuredStage> stages = {
      {"rewrites", "rewrites", 120},
      {"verify", "verify", 300},
      {"finding-savings", "finding savings", 60},
  };
  return stages;
}

std::vector<std::string> measured_stage_options() {
  std::vector<std::string> options;
  for (const auto& stage : measured_stages()) options.push_back(stage.option);
  return options;
}

std::optional<double> StageBudgets::budget(const std::string& option) const {
  auto chosen = seconds.find(option);
  if (chosen != seconds.end()) return chosen->second;
  for (const auto& stage : measured_stages())
    if (stage.option == option) return stage.default_seconds;
  return std::nullopt;
}

}  // namespace pgadvisor
