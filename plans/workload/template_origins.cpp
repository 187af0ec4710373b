#include "plans/workload/template_origins.hpp"

#include <algorithm>

namespace pgadvisor {
namespace {

std::string tag(const Statement& statement, const char* key) {
  auto found = statement.tags.find(key);
  return found == statement.tags.end() ? std::string() : found->second;
}

bool same_place(const TemplateOrigin& a, const TemplateOrigin& b) {
  return a.route == b.route && a.controller == b.controller && a.application == b.application;
}

void add_to(TemplateOrigins& origins, const TemplateOrigin& origin) {
  auto found = std::find_if(origins.begin(), origins.end(), [&](const TemplateOrigin& o) { return same_place(o, origin); });
  if (found == origins.end() && origins.size() >= kMaxOrigins) {
    TemplateOrigin other;
    other.route = "(other)";
    found = std::find_if(origins.begin(), origins.end(), [&](const TemplateOrigin& o) { return same_place(o, other); });
    if (found == origins.end()) found = origins.insert(origins.end(), other);
  }
  if (found == origins.end()) {
    origins.push_back(origin);
    return;
  }
  found->calls += origin.calls;
  found->total_ms += origin.total_ms;
}

TemplateOrigins sorted(TemplateOrigins origins) {
  std::stable_sort(origins.begin(), origins.end(), [](const TemplateOrigin& a, const TemplateOrigin& b) {
    return a.calls != b.calls ? a.calls > b.calls : a.name() < b.name();
  });
  return origins;
}

nlohmann::json text_or_null(const std::string& text) { return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text); }

}  // namespace

void record_origin(TemplateOrigins& origins, const Statement& statement, long long calls, double total_ms) {
  TemplateOrigin origin;
  origin.route = tag(statement, "route");
  origin.controller = tag(statement, "controller");
  const std::string action = tag(statement, "action");
  if (!action.empty()) origin.controller += "#" + action;
  origin.application = tag(statement, "application");
  if (origin.application.empty()) origin.application = statement.application;
  if (origin.name().empty()) return;
  origin.calls = calls;
  origin.total_ms = total_ms;
  add_to(origins, origin);
}

TemplateOrigins merge_origins(const std::vector<const TemplateOrigins*>& parts) {
  TemplateOrigins merged;
  for (const TemplateOrigins* part : parts)
    for (const auto& origin : *part) add_to(merged, origin);
  return sorted(std::move(merged));
}

TemplateOrigins common_origins(const std::vector<const TemplateOrigins*>& parts) {
  TemplateOrigins merged = merge_origins(parts), common;
  for (const auto& origin : merged) {
    bool everywhere = true;
    for (const TemplateOrigins* part : parts) {
      everywhere = everywhere && (part->empty() || std::any_of(part->begin(), part->end(), [&](const TemplateOrigin& o) {
                                    return same_place(o, origin);
                                  }));
    }
    if (everywhere) common.push_back(origin);
  }
  return common.empty() ? merged : common;
}

nlohmann::json origins_to_json(const TemplateOrigins& origins) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& origin : sorted(origins))
    out.push_back({{"route", text_or_null(origin.route)},
                   {"controller", text_or_null(origin.controller)},
                   {"application", text_or_null(origin.application)},
                   {"calls", origin.calls},
                   {"total_ms", origin.total_ms}});
  return out;
}

TemplateOrigins origins_from_json(const nlohmann::json& list) {
  TemplateOrigins origins;
  if (!list.is_array()) return origins;
  auto text = [](const nlohmann::json& entry, const char* key) {
    auto found = entry.find(key);
    return found == entry.end() || !found->is_string() ? std::string() : found->get<std::string>();
  };
  for (const auto& entry : list) {
    TemplateOrigin origin;
    origin.route = text(entry, "route");
    origin.controller = text(entry, "controller");
    origin.application = text(entry, "application");
    origin.calls = entry.at("calls").get<long long>();
    origin.total_ms = entry.value("total_ms", 0.0);
    origins.push_back(std::move(origin));
  }
  return origins;
}

}  // namespace pgadvisor
