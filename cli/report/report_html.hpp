// The audit report as one self-contained HTML page for scheduled reports: inline CSS and SVG
// charts (time by template, before/after per proposal, size against budget; the runs of a
// --history trend, report_html_trend), no script or font fetched from anywhere, so it renders
// with no network access. Made from the JSON report (advisor/report_json), so a saved report
// renders the same.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace pgadvisor {

std::string report_to_html(const nlohmann::json& report);

}  // namespace pgadvisor
