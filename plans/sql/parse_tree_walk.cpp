#include "plans/sql/parse_tree_walk.hpp"

#include <algorithm>
#include <cctype>

namespace pgadvisor {

void walk_parse_tree(const nlohmann::json& tree,
                     const std::function<void(const std::string&, const nlohmann::json&)>& visit) {
  if (tree.is_array()) {
    for (const auto& item : tree) walk_parse_tree(item, visit);
    return;
  }
  if (!tree.is_object()) return;
  for (auto it = tree.begin(); it != tree.end(); ++it) {
    const auto& key = it.key();
    bool is_node = !key.empty() && std::isupper(static_cast<unsigned char>(key[0])) && it->is_object();
    if (is_node) visit(key, it.value());
    walk_parse_tree(it.value(), visit);
  }
}

std::string last_name(const nlohmann::json& names) {
  if (!names.is_array() || names.empty()) return "";
  const auto& last = names.back();
  if (last.contains("String")) return last["String"].value("sval", "");
  return "";
}

int highest_parameter(const nlohmann::json& tree) {
  int highest = 0;
  walk_parse_tree(tree, [&](const std::string& node, const nlohmann::json& body) {
    if (node == "ParamRef") highest = std::max(highest, body.value("number", 0));
  });
  return highest;
}

std::vector<std::string> called_functions(const nlohmann::json& tree) {
  std::vector<std::string> names;
  walk_parse_tree(tree, [&](const std::string& node, const nlohmann::json& body) {
    if (node != "FuncCall") return;
    std::string name = last_name(body.value("funcname", nlohmann::json::array()));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    names.push_back(name);
  });
  return names;
}

}  // namespace pgadvisor
