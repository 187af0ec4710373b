// `--fail-on`: which outcomes of an audit make it exit 1, for CI gates. A comma-separated list
// of: high, medium, low (a finding of that severity or worse), index (any proposed index),
// rewrite (any proposed IN-subquery rewrite), regression (a regression against --baseline, or
// against the previous run of --history), new-high, new-medium, new-low (a finding of that
// severity or worse that the baseline lacks: --baseline when given, else the latest report of
// --history; with no earlier report there, every finding is new), never (the default: exit 0
// whatever was found).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pgadvisor {

struct FailOn {
  int min_severity = 0;  // 0: findings never fail; 1 low, 2 medium, 3 high
  bool index = false;
  bool rewrite = false;
  bool regression = false;
  int min_new_severity = 0;  // new-high, new-medium, new-low: as min_severity, for new findings only

  bool any() const { return min_severity > 0 || index || rewrite || regression || min_new_severity > 0; }
  bool needs_baseline() const { return regression || min_new_severity > 0; }
};

// Throws FatalError(Usage) naming an unknown word.
FailOn parse_fail_on(const std::string& list);

// The reasons the JSON report fails the gate (empty: it passes), one line each.
std::vector<std::string> fail_on_reasons(const FailOn& fail_on, const nlohmann::json& report);

}  // namespace pgadvisor
