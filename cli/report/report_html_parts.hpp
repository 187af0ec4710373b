// Pieces of the HTML report (advisor/report_html): the JSON report's optional values read
// without throwing, statements compacted for labels, the page's inline stylesheet, its three
// SVG charts (time by template, before/after per proposed index, size against the budget) and
// its rewrites, drop suggestions and diagnostics sections.
#pragma once

#include "advisor/findings/sql_gist.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace pgadvisor {

// The array / object under `key`, or an empty one; never throws.
const nlohmann::json& list_at(const nlohmann::json& object, const char* key);
const nlohmann::json& object_at(const nlohmann::json& object, const char* key);
bool flag_at(const nlohmann::json& object, const char* key, bool fallback);
// The value under `key` when it is a number; otherwise nullopt / `fallback`.
std::optional<double> optional_number_at(const nlohmann::json& object, const char* key);
double number_at(const nlohmann::json& object, const char* key, double fallback = 0);
// The string under `key`; numbers and booleans as text; "" when missing or null.
std::string text_at(const nlohmann::json& object, const char* key);


std::string report_stylesheet();

std::string time_by_template_chart(const nlohmann::json& report, size_t top);
std::string proposals_before_after_chart(const nlohmann::json& report);
std::string size_against_budget_chart(const nlohmann::json& report);

// Each a <section>, or "" when the report has nothing for it.
std::string rewrites_section(const nlohmann::json& report);
std::string drop_suggestions_section(const nlohmann::json& report);
std::string diagnostics_section(const nlohmann::json& report, size_t shown);

}  // namespace pgadvisor
