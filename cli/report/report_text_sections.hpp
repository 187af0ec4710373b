// The terminal report's sections after the proposed indexes (cli/report/report_text): routes, findings,
// sessions, rewrites, drop suggestions, verification and diagnostics, each appended to `out`
// from the JSON report, nothing when the report has none; and the two helpers every section
// uses. Internal to the text report: report_to_text puts the sections in order.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "plans/text_format.hpp"

namespace pgadvisor::text_report {

// A template's rank in the report, "3", or for a rewrite's step "3 step 2"; "?" when not listed.
std::string rank_of(const nlohmann::json& report, const std::string& fingerprint);
// A section's title, bold, after a blank line unless `first`.
void title(std::string& out, const TextStyle& style, const std::string& text, bool first = false);

// The routes (views, applications) the templates came from: templates, calls, time, findings.
void write_routes(std::string& out, const nlohmann::json& report, size_t top, const TextStyle& style);
void write_findings(std::string& out, const nlohmann::json& report, const TextStyle& style);
// The `top` sessions (or bursts) with the most queries.
void write_sessions(std::string& out, const nlohmann::json& report, size_t top, const TextStyle& style);
void write_rewrites(std::string& out, const nlohmann::json& report, const TextStyle& style);
void write_drops(std::string& out, const nlohmann::json& report, const TextStyle& style);
void write_verification(std::string& out, const nlohmann::json& report, const TextStyle& style);
void write_diagnostics(std::string& out, const nlohmann::json& report, const TextStyle& style);

}  // namespace pgadvisor::text_report
