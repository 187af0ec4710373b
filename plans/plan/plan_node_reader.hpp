// Reading one EXPLAIN (FORMAT JSON) plan node, with its children, into a PlanNode, and the
// "Triggers" list of the statement; used by parse_explain_json (plan_tree.cpp). JSON values of
// the wrong type throw nlohmann::json::exception.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "plans/plan/plan_tree.hpp"

namespace pgadvisor {

// The value of `key`, or nullopt when it is absent or null.
template <typename T>
std::optional<T> optional_json_field(const nlohmann::json& object, const char* key) {
  auto found = object.find(key);
  if (found == object.end() || found->is_null()) return std::nullopt;
  return found->get<T>();
}

PlanNode read_plan_node(const nlohmann::json& node);

// The statement's "Triggers" (empty when absent); `top` is the object holding "Plan".
std::vector<PlanTrigger> read_plan_triggers(const nlohmann::json& top);

}  // namespace pgadvisor
