// Where the report's templates, findings and indexes come from, read from their "origins" (the
// routes, views or applications that sent their calls, advisor/advice_json): one compact line
// for each, and the "by route" table every format shows when the log carried tags.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pgadvisor {

// "posts/<int:pk>/ (post_detail) 12 calls, blog 3 calls" — at most `shown` origins, then
// "and N more"; "" when there are none. Without `calls` (a finding's: its templates' calls
// added up say little), the names only.
std::string origins_line(const nlohmann::json& origins, size_t shown = 3, bool calls = true);

// One origin as a name: "route (controller)", the route alone, the controller, or the application.
std::string origin_name(const nlohmann::json& origin);

struct RouteRow {
  std::string name;      // origin_name
  long long templates = 0;
  long long calls = 0;
  double total_ms = 0;
  long long findings = 0;
};

// The report's routes, most total time first; empty when no template has an origin.
std::vector<RouteRow> routes_of(const nlohmann::json& report);

}  // namespace pgadvisor
