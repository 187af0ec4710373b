// The SQL text of an expression of a parsed statement, for an expression index: sliced from the
// statement's text (from the expression's first token to where the caller says it ends, with
// the parentheses that open before it), its table qualifiers removed by the scanner ("t"."email"
// becomes "email"; pg_catalog.lower stays), and written canonically by libpg_query's deparser:
// `LOWER("t"."email")` and `lower(email)` both give `lower(email)`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace pgadvisor {

// `node` is a {"Type": {...}} expression of the statement `sql`; `end` the byte offset just
// past it (the location of the operator that follows it). Empty when it cannot be read back.
std::string expression_text(const std::string& sql, const nlohmann::json& node, size_t end);

// The smallest source location in the subtree, -1 when it has none.
int first_location(const nlohmann::json& node);

}  // namespace pgadvisor
