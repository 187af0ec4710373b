// The session detectors that are not loops: duplicate_queries and count_then_fetch (see
// advisor/findings/session_findings.hpp). Internal to the advisor.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "advisor/findings/session_sequence.hpp"

namespace pgadvisor::session_detail {

// `skip`: fingerprints whose repeats another finding already explains (an N+1's).
void duplicate_queries(const Workload& workload, const SessionOrder& order, const SessionFindingOptions& options,
                       const std::set<std::string>& skip, std::vector<Finding>& out);

void count_then_fetch(const Workload& workload, const SessionOrder& order, const SessionFindingOptions& options,
                      std::vector<Finding>& out);

}  // namespace pgadvisor::session_detail
