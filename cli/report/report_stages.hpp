// Where the audit's time went: the JSON report's `stages` (the replay first) as a table of
// stage, outcome, seconds and what it measured — its time budget, measurements not started when
// the budget ran out, samples measured once as long queries, a skipped stage — with the total;
// one rendering for each of the text, Markdown and HTML reports. Empty when the report has no
// stages (one written before they were recorded).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "plans/text_format.hpp"

namespace pgadvisor {

std::string stages_text(const nlohmann::json& report, const TextStyle& style);
std::string stages_markdown(const nlohmann::json& report);
std::string stages_html(const nlohmann::json& report);

}  // namespace pgadvisor
