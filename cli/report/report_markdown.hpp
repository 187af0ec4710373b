// The audit report as GitHub-flavoured Markdown, for a pull-request comment: a headline
// (statements, templates, the proposals' net saving over the log and a day, findings by
// severity), then tables of the `top` slowest templates, the proposed indexes (with one sql
// block of all their DDL), the first `top` findings (their fixes in a <details> block), the
// rewrites, the drop suggestions (and their DDL), a baseline comparison and a trend
// (report_trend_markdown) when the report has them, and the diagnostics' count. Made from the JSON report (advisor/report_json), so a saved
// report renders the same. Code spans escape | as \| (GitHub splits table rows at any |).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace pgadvisor {

std::string report_to_markdown(const nlohmann::json& report, size_t top);

}  // namespace pgadvisor
