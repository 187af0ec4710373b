// `--fail-on`: which outcomes of an audit make it exit 1, for CI gates. A comma-separated list
// of: high, medium, low (a finding of that severity or worse), index (any proposed index),
// rewrite (any proposed IN-subquery rewrite), regression (a regression against --baseline),
// never (the default: exit 0 whatever was found).
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

  bool any() const { return min_severity > 0 || index || rewrite || regression; }
};

// Throws FatalError(Usage) naming an unknown word.
FailOn parse_fail_on(const std::string& list);

// The reasons the JSON report fails the gate (empty: it passes), one line each.
std::vector<std::string> fail_on_reasons(const FailOn& fail_on, const nlohmann::json& report);

}  // namespace pgadvisor
