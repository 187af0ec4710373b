// Generic walks over libpg_query's JSON parse tree: visit every node by its type name, and
// collect the names of the functions a statement calls. Pure functions; a malformed tree is
// simply walked as far as it goes.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pgadvisor {

// Calls `visit(type, body)` for every object of the form {"TypeName": {...}} in the tree.
void walk_parse_tree(const nlohmann::json& tree,
                     const std::function<void(const std::string&, const nlohmann::json&)>& visit);

// The unqualified, lower-case names of every function called anywhere in the tree.
std::vector<std::string> called_functions(const nlohmann::json& tree);

// The highest $n parameter number in the tree, 0 when it has none.
int highest_parameter(const nlohmann::json& tree);

// The last element of a libpg_query name list ([{"String": {"sval": ...}}, ...]).
std::string last_name(const nlohmann::json& names);

}  // namespace pgadvisor
