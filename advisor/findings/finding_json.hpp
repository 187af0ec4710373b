// Findings as JSON, the report's `findings` entries: {kind, severity, templates, summary,
// evidence, fix_sql, fix_django, saving_ms}; read back from a saved workload file. A document
// that is not such a list throws std::runtime_error naming what is wrong.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "advisor/model/finding.hpp"

namespace pgadvisor {

nlohmann::json findings_to_json(const std::vector<Finding>& findings);
std::vector<Finding> findings_from_json(const nlohmann::json& document);

}  // namespace pgadvisor
