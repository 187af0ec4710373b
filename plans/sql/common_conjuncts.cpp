#include "plans/sql/common_conjuncts.hpp"

#include <algorithm>

#include "plans/sql/parse_tree_access.hpp"
#include "plans/sql/same_expression.hpp"

namespace pgadvisor {
namespace {

// A branch's conjuncts (its AND flattened), each with and without source positions.
struct Conjunct {
  nlohmann::json node, bare;
};

void flatten(const nlohmann::json& expr, std::vector<Conjunct>& out) {
  auto [type, body] = node_of(expr);
  if (type == "BoolExpr" && body->value("boolop", "") == "AND_EXPR") {
    for (const auto& arg : items_of(*body, "args")) flatten(arg, out);
    return;
  }
  Conjunct conjunct{expr, expr};
  strip_positions(conjunct.bare);
  out.push_back(std::move(conjunct));
}

}  // namespace

std::vector<nlohmann::json> common_conjuncts(const nlohmann::json& branches) {
  if (!branches.is_array() || branches.size() < 2) return {};
  std::vector<std::vector<Conjunct>> flat(branches.size());
  for (size_t i = 0; i < branches.size(); ++i) flatten(branches[i], flat[i]);
  std::vector<nlohmann::json> common;
  for (const Conjunct& candidate : flat[0]) {
    bool everywhere = std::all_of(flat.begin() + 1, flat.end(), [&](const std::vector<Conjunct>& branch) {
      return std::any_of(branch.begin(), branch.end(), [&](const Conjunct& c) { return c.bare == candidate.bare; });
    });
    if (everywhere) common.push_back(candidate.node);
  }
  return common;
}

}  // namespace pgadvisor
