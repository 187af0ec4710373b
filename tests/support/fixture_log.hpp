// Test support: the workload of a captured fixture log, read by the real log readers, and the
// template whose SQL contains a given fragment (a failed test when none does).
#pragma once

#include <string>

#include "plans/workload/workload.hpp"

namespace pgadvisor::testing {

Workload fixture_workload(const std::string& relative_path);
const QueryTemplate& template_containing(const Workload& workload, const std::string& fragment);

}  // namespace pgadvisor::testing
