// The trend section of the text report (`audit --history DIR`, `report --history DIR`): one
// line per run (time, templates, replayed and logged time, findings by severity), then what
// changed since the previous run: regressions with their time in every run, faster templates,
// timing-only changes (the first 5), new and gone templates, new and fixed findings (each list
// but regressions capped at `top`).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "plans/text_format.hpp"

namespace pgadvisor {

// "" when `trend` is not an object; otherwise starts with a blank line and ends with "\n".
std::string trend_to_text(const nlohmann::json& trend, size_t top, const TextStyle& style = {});

}  // namespace pgadvisor
