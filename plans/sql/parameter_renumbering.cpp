#include "plans/sql/parameter_renumbering.hpp"

#include <algorithm>
#include <map>

namespace pgadvisor {
namespace {

std::vector<PgQuery__ParamRef*> parameters_under(PgQuery__Node* root) {
  std::vector<PgQuery__ParamRef*> parameters;
  walk_node_slots(&root, [&](PgQuery__Node** slot, const TreePath&) {
    if ((*slot)->node_case == PG_QUERY__NODE__NODE_PARAM_REF) parameters.push_back((*slot)->param_ref);
    return true;
  });
  return parameters;
}

}  // namespace

int highest_parameter_number(PgQuery__Node* root) {
  int highest = 0;
  for (const PgQuery__ParamRef* parameter : parameters_under(root)) highest = std::max(highest, parameter->number);
  return highest;
}

std::optional<RenumberedSql> deparse_renumbered(const ProtoTree& tree, int added, std::string& why_not) {
  std::string error;
  auto text = tree.deparse(&error);
  if (!text) {
    why_not = "the rewritten statement does not deparse: " + error;
    return std::nullopt;
  }
  auto reread = ProtoTree::parse(*text, &error);
  if (!reread || !reread->statement()) {
    why_not = "the rewritten statement does not parse: " + error;
    return std::nullopt;
  }
  if (!same_tree_but_locations(tree.result(), reread->result())) {
    why_not = "libpg_query's deparser does not write the rewritten statement faithfully: " + *text;
    return std::nullopt;
  }
  std::vector<PgQuery__ParamRef*> parameters = parameters_under(reread->statement());
  std::stable_sort(parameters.begin(), parameters.end(),
                   [](const PgQuery__ParamRef* a, const PgQuery__ParamRef* b) { return a->location < b->location; });
  RenumberedSql out;
  std::map<int, int> renumbered;
  for (const PgQuery__ParamRef* parameter : parameters) {
    if ((added != 0 && parameter->number == added) || renumbered.count(parameter->number)) continue;
    out.params.push_back(parameter->number);
    renumbered[parameter->number] = static_cast<int>(out.params.size());
  }
  if (added != 0) renumbered[added] = static_cast<int>(out.params.size()) + 1;
  bool changed = false;
  for (PgQuery__ParamRef* parameter : parameters) {
    int number = renumbered.at(parameter->number);
    changed = changed || number != parameter->number;
    parameter->number = number;
  }
  if (!changed) {
    out.sql = *text;
    return out;
  }
  auto final_text = reread->deparse(&error);
  if (!final_text) {
    why_not = "the rewritten statement does not deparse: " + error;
    return std::nullopt;
  }
  out.sql = *final_text;
  return out;
}

}  // namespace pgadvisor
