// Pieces of the HTML report (advisor/report_html): statements compacted for labels, the page's
// inline stylesheet, its three SVG charts (time by template, before/after per proposed index,
// size against the budget) and its routes, rewrites, drop suggestions and diagnostics sections. The
// JSON report's values are read without throwing (cli/report/report_values).
#pragma once

#include "advisor/findings/sql_gist.hpp"

#include <nlohmann/json.hpp>
#include <string>

#include "cli/report/report_values.hpp"

namespace pgadvisor {

std::string report_stylesheet();

std::string time_by_template_chart(const nlohmann::json& report, size_t top);
std::string proposals_before_after_chart(const nlohmann::json& report);
std::string size_against_budget_chart(const nlohmann::json& report);

// Each a <section>, or "" when the report has nothing for it.
std::string rewrites_section(const nlohmann::json& report);
// The routes (views, applications) the templates came from, the `shown` slowest.
std::string routes_section(const nlohmann::json& report, size_t shown);
std::string drop_suggestions_section(const nlohmann::json& report);
std::string diagnostics_section(const nlohmann::json& report, size_t shown);

}  // namespace pgadvisor
