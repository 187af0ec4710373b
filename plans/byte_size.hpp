// Sizes as users write them: `2.5GB`, `500MB`, `512MiB`. One convention everywhere in pgadvisor:
// kB, MB, GB and TB are decimal (10^3, 10^6, 10^9, 10^12 bytes), as the reports print them
// (human_bytes); KiB, MiB, GiB and TiB are binary (2^10 ...) for whoever thinks in those. A
// number needs a unit, except 0 (no limit).
#pragma once

#include <optional>
#include <string>

namespace pgadvisor {

// The size in bytes; nullopt when `text` is not a number >= 0 followed by one of the units (case
// and a space between number and unit do not matter; `B` is bytes).
std::optional<long long> parse_byte_size(const std::string& text);

}  // namespace pgadvisor
