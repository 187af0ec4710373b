// Dense parameter numbers for a statement built from pieces of another: the built tree is
// deparsed, read back, and its $n renumbered $1, $2, ... in order of first appearance in the
// text, with the list of the original numbers each new one stands for. One parameter may be
// marked as new (not the original's): it is numbered last. nullopt, with the reason, when the
// tree does not deparse, or its text does not read back as the same tree (a deparser slip).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plans/sql/parse_tree_edit.hpp"

namespace pgadvisor {

struct RenumberedSql {
  std::string sql;
  std::vector<int> params;  // the new $i is the original $params[i-1]
};

// `added` is the number of the new parameter in `tree`, 0 when there is none.
std::optional<RenumberedSql> deparse_renumbered(const ProtoTree& tree, int added, std::string& why_not);

// The highest $n under `root`, 0 when there is none.
int highest_parameter_number(PgQuery__Node* root);

}  // namespace pgadvisor
