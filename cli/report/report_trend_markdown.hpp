// The trend section of the Markdown report (`--history DIR`): a table of the runs (time,
// templates, replayed and logged time, findings by severity), then what changed since the
// previous run: regressions with their time in every run, new findings, fixed findings, new and
// gone templates (each table capped at `top`).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace pgadvisor {

// "" when the report has no trend section.
std::string trend_to_markdown(const nlohmann::json& report, size_t top);

}  // namespace pgadvisor
