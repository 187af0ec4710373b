// libpg_query 15's JSON output writes a negative integer constant as `"ival": {}`, the same as 0
// (`x = -5` reads as `x = 0`): the repair reads such a constant back from the statement's text at
// its location and puts the number in the tree, so a partial index's WHERE or a LIMIT is never
// built from a wrong value. Pure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace pgadvisor {

// Fixes every A_Const of `tree` whose ival is empty and whose text at its location in `sql` is a
// negative integer ("-5", "- 5"). Returns how many were fixed.
int repair_negative_integers(nlohmann::json& tree, const std::string& sql);

}  // namespace pgadvisor
