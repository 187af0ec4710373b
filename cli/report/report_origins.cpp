#include "cli/report/report_origins.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "cli/report/report_values.hpp"

namespace pgadvisor {

std::string origin_name(const nlohmann::json& origin) {
  const std::string route = text_at(origin, "route"), controller = text_at(origin, "controller");
  if (!route.empty()) return controller.empty() ? route : route + " (" + controller + ")";
  return !controller.empty() ? controller : text_at(origin, "application");
}

std::string origins_line(const nlohmann::json& origins, size_t shown, bool calls) {
  if (!origins.is_array()) return "";
  std::string line;
  for (size_t i = 0; i < origins.size() && i < shown; ++i) {
    const long long count = integer_at(origins[i], "calls");
    line += (i ? ", " : "") + origin_name(origins[i]);
    if (calls) line += fmt::format(" {} call{}", count, count == 1 ? "" : "s");
  }
  if (origins.size() > shown) line += fmt::format(", and {} more", origins.size() - shown);
  return line;
}

std::vector<RouteRow> routes_of(const nlohmann::json& report) {
  std::map<std::string, RouteRow> rows;
  for (const auto& tmpl : list_at(report, "templates")) {
    for (const auto& origin : list_at(tmpl, "origins")) {
      RouteRow& row = rows[origin_name(origin)];
      ++row.templates;
      row.calls += integer_at(origin, "calls");
      row.total_ms += number_at(origin, "total_ms");
    }
  }
  for (const auto& finding : list_at(report, "findings")) {
    std::set<std::string> names;
    for (const auto& origin : list_at(finding, "origins")) names.insert(origin_name(origin));
    for (const auto& name : names) {
      auto found = rows.find(name);
      if (found != rows.end()) ++found->second.findings;
    }
  }
  std::vector<RouteRow> out;
  for (auto& [name, row] : rows) {
    row.name = name;
    out.push_back(row);
  }
  std::stable_sort(out.begin(), out.end(), [](const RouteRow& a, const RouteRow& b) { return a.total_ms > b.total_ms; });
  return out;
}

}  // namespace pgadvisor
