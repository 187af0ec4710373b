#include "plans/sql/same_expression.hpp"

#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {

void strip_positions(nlohmann::json& tree, bool drop_casts) {
  if (tree.is_object()) {
    tree.erase("location");
    while (drop_casts && tree.contains("TypeCast") && tree["TypeCast"].contains("arg")) {
      nlohmann::json arg = tree["TypeCast"]["arg"];
      tree = std::move(arg);
    }
  }
  if (tree.is_object() || tree.is_array())
    for (auto& item : tree) strip_positions(item, drop_casts);
}

bool same_expression(const std::string& left, const std::string& right) {
  ParsedSql a = parse_sql("SELECT WHERE " + left);
  ParsedSql b = parse_sql("SELECT WHERE " + right);
  if (!a.ok() || !b.ok()) return false;
  // pg_get_expr writes `((status)::text = 'x'::text)` where a query says `status = 'x'`.
  strip_positions(a.tree, true);
  strip_positions(b.tree, true);
  return a.tree == b.tree;
}

}  // namespace pgadvisor
