// Test support: comparing the index advice of two audit JSON reports. Replayed times vary from
// run to run, and the advisor turns planner cost into time with them, so an index whose saving
// is marginal may be in one run's advice and not the other's; an index that saves at least 5%
// of all the advice saves must be in both.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pgadvisor::testing {

std::vector<std::string> proposed_ddl(const nlohmann::json& report);  // sorted
std::vector<std::string> clearly_worth_it_ddl(const nlohmann::json& report);  // sorted

// Every index either report clearly needs is proposed by the other; `why` names the first that is not.
bool advice_agrees(const nlohmann::json& a, const nlohmann::json& b, std::string& why);

}  // namespace pgadvisor::testing
