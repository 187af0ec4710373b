// The stages of an audit that re-run the user's queries after the replay (rewrite timing,
// --verify, finding savings): their names for --stage-budget and --skip-stage, their default time
// budgets, and what the user chose. A budget bounds when the stage may start a measurement; a
// skipped stage does not run at all.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pgadvisor {

struct MeasuredStage {
  std::string option;       // "finding-savings": the name --stage-budget and --skip-stage take
  std::string record;       // "finding savings": the stage's name in the report
  double default_seconds;   // its budget unless --stage-budget says otherwise
};

// rewrites, verify, finding-savings, in the order the audit runs them.
const std::vector<MeasuredStage>& measured_stages();
std::vector<std::string> measured_stage_options();

struct StageBudgets {
  std::map<std::string, std::optional<double>> seconds;  // by option; nullopt: unbounded ("none")
  std::set<std::string> skipped;                         // by option

  // The budget of stage `option`: the user's, or its default.
  std::optional<double> budget(const std::string& option) const;
  bool skips(const std::string& option) const { return skipped.count(option) > 0; }
};

}  // namespace pgadvisor
