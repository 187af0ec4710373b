// Whether two SQL boolean expressions are written the same once parsed: `(NOT is_completed)`
// and `NOT is_completed` are, `((status)::text = 'a'::text)` and `status = 'a'` are, `status =
// 'a'` and `status = 'b'` are not. Compares libpg_query parse trees without source positions
// and type casts. An expression that does not parse equals nothing.
#pragma once

#include <string>

namespace pgadvisor {

bool same_expression(const std::string& left, const std::string& right);

}  // namespace pgadvisor
