// Points in time as the JSON report records them (its `generated_at`): UTC in ISO 8601 with
// milliseconds, "2026-12-07T02:20:54.123Z", so that their text sorts as their time does. Pure.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace pgadvisor {

using UtcTime = std::chrono::system_clock::time_point;

std::string utc_timestamp(UtcTime time);

// Reads "YYYY-MM-DDTHH:MM:SS[.fff...]Z" (the fraction optional, at most milliseconds kept);
// nullopt for anything else, a local time or an offset included.
std::optional<UtcTime> parse_utc_timestamp(const std::string& text);

}  // namespace pgadvisor
