// The JSON report's `trend` section (advisor/history_trend.hpp) read for the renderers (text,
// Markdown, HTML): a run's label and figures, a template's time in each run. Reads without
// throwing, as report_values does.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace pgadvisor {

// "2026-12-07 02:00" (UTC), from the run's generated_at; "this run" appended for the current one
// when `mark_current`.
std::string run_label(const nlohmann::json& run, bool mark_current = true);

// "2/3/0": the run's findings, high/medium/low.
std::string findings_by_severity(const nlohmann::json& run);

// The template's replayed time a call in each run, oldest first: "0.12 ms, 0.13 ms, 4.50 ms"
// ("-" where a run lacks it); "" when the trend has no such template.
std::string time_per_run(const nlohmann::json& trend, const std::string& fingerprint);

// "1 regression, 0 faster, 2 new templates, 1 gone, 1 new finding, 0 fixed findings", and
// ", 2 timing only (same plan)" when there are such.
std::string changes_summary(const nlohmann::json& trend);

}  // namespace pgadvisor
