// Whether two SQL boolean expressions are written the same once parsed: `(NOT is_completed)`
// and `NOT is_completed` are, `((status)::text = 'a'::text)` and `status = 'a'` are, `status =
// 'a'` and `status = 'b'` are not. Compares libpg_query parse trees without source positions
// and type casts (the normaliser below, which common_conjuncts uses too). An expression that
// does not parse equals nothing.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace pgadvisor {

bool same_expression(const std::string& left, const std::string& right);

// `tree` (libpg_query's JSON parse tree) without its source positions and, when `drop_casts`,
// with each type cast replaced by its argument: two trees equal after this are written alike.
void strip_positions(nlohmann::json& tree, bool drop_casts = false);

}  // namespace pgadvisor
