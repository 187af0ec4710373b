#include "plans/sql/same_expression.hpp"

#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

// Drops source positions and type casts: pg_get_expr writes `((status)::text = 'x'::text)`
// where a query says `status = 'x'`.
void strip_positions_and_casts(nlohmann::json& tree) {
  if (tree.is_object()) {
    tree.erase("location");
    while (tree.contains("TypeCast") && tree["TypeCast"].contains("arg")) {
      nlohmann::json arg = tree["TypeCast"]["arg"];
      tree = std::move(arg);
    }
    for (auto& item : tree) strip_positions_and_casts(item);
  } else if (tree.is_array()) {
    for (auto& item : tree) strip_positions_and_casts(item);
  }
}

}  // namespace

bool same_expression(const std::string& left, const std::string& right) {
  ParsedSql a = parse_sql("SELECT WHERE " + left);
  ParsedSql b = parse_sql("SELECT WHERE " + right);
  if (!a.ok() || !b.ok()) return false;
  strip_positions_and_casts(a.tree);
  strip_positions_and_casts(b.tree);
  return a.tree == b.tree;
}

}  // namespace pgadvisor
