#include "plans/sql/same_expression.hpp"

#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

void strip_locations(nlohmann::json& tree) {
  if (tree.is_object()) {
    tree.erase("location");
    for (auto& item : tree) strip_locations(item);
  } else if (tree.is_array()) {
    for (auto& item : tree) strip_locations(item);
  }
}

}  // namespace

bool same_expression(const std::string& left, const std::string& right) {
  ParsedSql a = parse_sql("SELECT WHERE " + left);
  ParsedSql b = parse_sql("SELECT WHERE " + right);
  if (!a.ok() || !b.ok()) return false;
  strip_locations(a.tree);
  strip_locations(b.tree);
  return a.tree == b.tree;
}

}  // namespace pgadvisor
