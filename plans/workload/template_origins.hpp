// TemplateOrigin: where the calls of a query template came from — the route and controller (view)
// its statements' comment tags named (sqlcommenter's `route`, `controller`; Rails' `controller`
// and `action`), else the application (the `application` tag, else application_name) — with
// their calls and time. A template keeps one origin per distinct (route, controller,
// application), most calls first when written; statements that name none are not counted.
// Bounded: beyond kMaxOrigins distinct origins the rest are counted under route "(other)".
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "plans/statement.hpp"

namespace pgadvisor {

struct TemplateOrigin {
  std::string route;        // the `route` tag
  std::string controller;   // the `controller` tag, "#action" added when there is an `action`
  std::string application;  // the `application` tag, else application_name
  long long calls = 0;
  double total_ms = 0;

  // What the reports group by: the route, else the controller, else the application.
  const std::string& name() const { return !route.empty() ? route : !controller.empty() ? controller : application; }
};

using TemplateOrigins = std::vector<TemplateOrigin>;

constexpr size_t kMaxOrigins = 64;

// Counts `calls` calls (`total_ms` in all) of `statement` in `origins`; nothing when it names none.
void record_origin(TemplateOrigins& origins, const Statement& statement, long long calls, double total_ms);

// The origins of several templates together (an index's), most calls first.
TemplateOrigins merge_origins(const std::vector<const TemplateOrigins*>& parts);
// Those of merge_origins that every part with origins shares (a finding's: an N+1's loop and
// the query before it come from one view, though each may be sent elsewhere too); all of them
// when the parts share none.
TemplateOrigins common_origins(const std::vector<const TemplateOrigins*>& parts);

// [{"route", "controller", "application", "calls", "total_ms"}], most calls first; empty fields
// are null.
nlohmann::json origins_to_json(const TemplateOrigins& origins);
TemplateOrigins origins_from_json(const nlohmann::json& list);

}  // namespace pgadvisor
