// The terminal report, rendered from the JSON report (cli/report/report_json), as the Markdown
// and HTML reports are, so a saved report renders the same: the slowest templates with calls,
// logged and replayed time and a one-line plan, then the proposed indexes with their DDL, size
// and cost change per template, then the findings, sessions, rewrites, drop suggestions,
// verification and diagnostics. `top` limits the template and session tables. The default
// style is the file layout, plain; terminal_text_style (text_format.hpp) gives colour and lines
// fitted to the terminal's width. A key missing from the report reads as empty or zero.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "plans/text_format.hpp"

namespace pgadvisor {

std::string report_to_text(const nlohmann::json& report, size_t top = 15, const TextStyle& style = {});

}  // namespace pgadvisor
