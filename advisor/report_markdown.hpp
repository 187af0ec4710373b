// The audit report as Markdown, for a pull-request comment: the headline figures, the slowest
// templates, the proposed indexes with their DDL and evidence, the findings, the rewrites and
// the drop suggestions as GitHub-flavoured tables, with code blocks for DDL and Django fixes.
// Made from the JSON report (advisor/report_json), so a saved report renders the same.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace pgadvisor {

std::string report_to_markdown(const nlohmann::json& report, size_t top);

}  // namespace pgadvisor
