#include "plans/workload/template_key.hpp"

#include <algorithm>
#include <set>


namespace pgadvisor {
namespace {

bool has_digit(const std::string& name) {
  return std::any_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Adds the name of the RangeVar `range` when the fingerprint does not hold it whole.
void add_if_folded(const nlohmann::json& range, std::set<std::string>& names) {
  const std::string relation = range.value("relname", "");
  if (relation.empty() || (!has_digit(relation) && range.value("relpersistence", "") != "t")) {
    return;
  }
  std::string name;
  for (const char* part : {"catalogname", "schemaname"}) {
    const std::string qualifier = range.value(part, "");
    if (!qualifier.empty()) name += quote_identifier(qualifier) + ".";
  }
  names.insert(name + quote_identifier(relation));
}

// The relations of `tree` whose names the fingerprint does not hold whole, as written. A
// RangeVar is {"RangeVar": {...}} where a node of any type may stand, but a bare {...} in a
// field that holds only relations (the "relation" of INSERT, UPDATE, CREATE TABLE, ...): every
// object with a "relname" is one.
void collect_folded(const nlohmann::json& tree, std::set<std::string>& names) {
  if (tree.is_object()) {
    const auto relname = tree.find("relname");
    if (relname != tree.end() && relname->is_string()) add_if_folded(tree, names);
  }
  if (tree.is_structured()) {
    for (const auto& item : tree) collect_folded(item, names);
  }
}

}  // namespace

std::string template_key(const ParsedSql& parsed) {
  if (!parsed.ok()) return "";
  std::string key = fingerprint_sql(parsed.sql);
  std::set<std::string> relations;
  collect_folded(parsed.tree, relations);
  for (auto it = relations.begin(); it != relations.end(); ++it) {
    key += (it == relations.begin() ? ":" : ",") + *it;
  }
  return key;
}

}  // namespace pgadvisor
