// SessionSummary: one session of the log (or one burst of it, or the whole log when it has no
// session ids): its queries, duplicates, time and first line, for the report's "Queries per
// session" (findings/session_findings computes them). Plain data.
#pragma once

#include <optional>
#include <string>

namespace pgadvisor {

struct SessionSummary {
  std::string session;  // "" for a log without session ids
  unsigned burst = 0;   // 1, 2, ... within a session split at idle gaps; 0 when not split
  std::string scope;    // "burst", "session" or "log" (findings/session_findings.hpp)
  long long queries = 0;
  long long duplicates = 0;
  double total_ms = 0;
  int first_line = 0;
  std::optional<double> window_ms;  // first to last statement; none when the log has no timestamps
};

}  // namespace pgadvisor
