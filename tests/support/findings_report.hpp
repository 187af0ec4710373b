// Test support for the findings tests: the JSON report of `pgadvisor audit` (no rewrites, one
// run) on an input against the sandbox, and looking up a finding by kind and by what its main
// template's SQL contains.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pgadvisor::testing {

// `input` is the audit's input options, e.g. "--log FILE" or "--workload FILE".
nlohmann::json audit_without_rewrites(const std::string& input);

std::string normalized_sql_of(const nlohmann::json& report, const std::string& fingerprint);

// The finding of `kind` whose main template's SQL contains every part; nullptr if none.
const nlohmann::json* finding_on(const nlohmann::json& report, const std::string& kind,
                                 const std::vector<std::string>& parts);

}  // namespace pgadvisor::testing
