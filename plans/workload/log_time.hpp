// LogTime: a point in time as a log or a --since/--until option writes it, read into its
// wall-clock seconds and its zone, so that a time window can compare them as instants.
// Log timestamps: "2024-06-30 12:00:01.123 UTC" (%m, %t, csvlog, jsonlog), with the zone as the
// server's log_timezone abbreviates it ("CEST", "EST", "+02", ...), ISO forms with "Z" or an
// offset, and epoch seconds (%n, an instant). Option values: "2024-06-30", "2024-06-30 12:00",
// "2024-06-30 12:00:00", "2024-06-30T12:00:00+02:00", "2024-06-30 12:00:00 UTC".
// A zone abbreviation is resolved only when it names one offset: ambiguous ones (CST is US
// Central, China and Cuba; IST is India, Israel and Ireland) and unknown ones stay unresolved.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pgadvisor {

enum class ZoneState {
  None,        // the text gives no zone
  Known,       // offset_seconds holds it
  Unresolved,  // a zone pgadvisor cannot turn into an offset (zone holds it)
};

struct LogTime {
  double wall_seconds = 0;  // the clock time as written, as seconds since 1970-01-01 00:00 of that clock
  ZoneState zone_state = ZoneState::None;
  int offset_seconds = 0;   // east of UTC, when Known
  std::string zone;         // as written; empty when none

  // Seconds since the epoch; only when the zone is known.
  std::optional<double> instant() const;
};

// A log's timestamp; nullopt when the text is no timestamp.
std::optional<LogTime> parse_log_time(std::string_view text);

// A --since/--until value: a date alone is its midnight; nullopt when the text is no time.
std::optional<LogTime> parse_time_option(std::string_view text);

// The offset a zone name stands for ("UTC", "CEST", "+02", "-03:30", "Z"); nullopt when unknown
// or ambiguous.
std::optional<int> zone_offset_seconds(std::string_view zone);

}  // namespace pgadvisor
