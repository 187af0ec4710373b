// The trend section of the HTML report (`--history DIR`): an SVG chart of the replayed time of
// each run, a table of the runs, a chart of the regressions since the previous run (its time a
// call then and now), the time a call of the slowest templates run by run, and the new and fixed
// findings and new and gone templates.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace pgadvisor {

// A <section>, or "" when the report has no trend section.
std::string trend_section(const nlohmann::json& report);

}  // namespace pgadvisor
