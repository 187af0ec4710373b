// Test support: a saved workload's replays by the text of the statement replayed, for tests that
// check what replay did with each statement of a captured log.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace pgadvisor::testing {

struct ReplayOutcome {
  std::string status;
  std::string reason;
  bool timed_out = false;
  size_t runs = 0;
};

std::map<std::string, ReplayOutcome> replay_outcomes(const nlohmann::json& workload);

}  // namespace pgadvisor::testing
