// Lists passed to and from catalog queries as one text value, items separated by the ASCII unit
// separator (0x1f), which no identifier or pg_get_indexdef output contains: a query splits the
// parameter with string_to_array($1, E'\x1f') and joins its output with string_agg(..., E'\x1f').
#pragma once

#include <string>
#include <vector>

namespace pgadvisor {

// Empty items keep their place ({"", "a"} is "\x1fa"), except that one empty item alone is ""
// (which string_to_array reads as no items: callers pair lists with coalesce).
std::string join_units(const std::vector<std::string>& items);
std::vector<std::string> split_units(const std::string& text);  // "" gives no items

}  // namespace pgadvisor
