// The selection unit tests' common set-up over a FakeCostSource: an objective with one call per
// template at 1 ms per cost unit and no write cost (a saving in cost is a saving in ms), and
// selection options without the size thresholds.
#pragma once

#include <vector>

#include "advisor/selection/index_selection.hpp"
#include "tests/support/fake_cost_source.hpp"

namespace pgadvisor::testing {

constexpr long long kMB = 1000 * 1000;  // MB = 10^6 bytes, as pays_for_size reads it

inline WorkloadObjective objective_of(FakeCostSource& costs) {
  std::vector<double> ones(costs.template_count(), 1.0);
  return WorkloadObjective(costs, ones, ones, std::vector<double>(costs.candidates().size(), 0.0));
}

inline SelectionOptions plain_options() {
  SelectionOptions options;
  options.min_saving_per_mb_ms = 0;
  options.min_saving_per_mb_day_ms = 0;
  return options;
}

}  // namespace pgadvisor::testing
