// Safe access to libpg_query's JSON parse tree: a member or list that is missing reads as an
// empty object or array (never a temporary, never undefined), and a {"Type": {...}} wrapper
// splits into its type name and body.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace pgadvisor {

inline const nlohmann::json& child(const nlohmann::json& object, const char* key) {
  static const nlohmann::json empty = nlohmann::json::object();
  if (!object.is_object()) return empty;
  auto found = object.find(key);
  return found == object.end() ? empty : *found;
}

inline const nlohmann::json& items_of(const nlohmann::json& object, const char* key) {
  static const nlohmann::json empty = nlohmann::json::array();
  const nlohmann::json& found = child(object, key);
  return found.is_array() ? found : empty;
}

// The single node of a {"Type": {...}} object: its type name and body (nullptr when none).
inline std::pair<std::string, const nlohmann::json*> node_of(const nlohmann::json& wrapper) {
  if (!wrapper.is_object() || wrapper.empty()) return {"", nullptr};
  return {wrapper.begin().key(), &wrapper.begin().value()};
}

}  // namespace pgadvisor
