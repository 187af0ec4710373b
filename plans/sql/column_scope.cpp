#include "plans/sql/column_scope.hpp"

#include <algorithm>

namespace pgadvisor {
namespace {

void add_alias(const PgQuery__Alias* alias, std::set<std::string>& names) {
  if (alias && alias->aliasname && *alias->aliasname) names.insert(alias->aliasname);
}

void add_from_item(const PgQuery__Node* item, std::set<std::string>& names) {
  if (!item) return;
  switch (item->node_case) {
    case PG_QUERY__NODE__NODE_RANGE_VAR:
      if (item->range_var->alias)
        add_alias(item->range_var->alias, names);
      else if (item->range_var->relname)
        names.insert(item->range_var->relname);
      break;
    case PG_QUERY__NODE__NODE_RANGE_SUBSELECT:
      add_alias(item->range_subselect->alias, names);
      break;
    case PG_QUERY__NODE__NODE_RANGE_FUNCTION:
      add_alias(item->range_function->alias, names);
      break;
    case PG_QUERY__NODE__NODE_JOIN_EXPR:
      add_from_item(item->join_expr->larg, names);
      add_from_item(item->join_expr->rarg, names);
      add_alias(item->join_expr->alias, names);
      break;
    default:
      break;
  }
}

}  // namespace

std::set<std::string> from_item_names(const PgQuery__SelectStmt* select) {
  std::set<std::string> names;
  if (!select) return names;
  for (size_t i = 0; i < select->n_from_clause; ++i) add_from_item(select->from_clause[i], names);
  return names;
}

std::vector<std::string> outside_qualifiers(PgQuery__Node* root, const std::set<std::string>& visible) {
  std::vector<std::string> outside;
  walk_node_slots(&root, [&](PgQuery__Node** slot, const TreePath& path) {
    if ((*slot)->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) return true;
    std::string qualifier = column_qualifier((*slot)->column_ref);
    if (qualifier.empty() || visible.count(qualifier)) return false;
    std::vector<const PgQuery__SelectStmt*> levels;  // the root's own level is on the path too
    for (const TreeStep& step : path)
      if (step_is(step, pg_query__select_stmt__descriptor))
        levels.push_back(reinterpret_cast<const PgQuery__SelectStmt*>(step.message));
    bool inside = std::any_of(levels.begin(), levels.end(), [&](const PgQuery__SelectStmt* level) {
      return from_item_names(level).count(qualifier) > 0;
    });
    if (!inside && std::find(outside.begin(), outside.end(), qualifier) == outside.end())
      outside.push_back(qualifier);
    return false;
  });
  return outside;
}

std::set<std::string> enclosing_cte_names(const TreePath& path) {
  std::set<std::string> names;
  for (const TreeStep& step : path) {
    if (!step_is(step, pg_query__select_stmt__descriptor)) continue;
    const auto* select = reinterpret_cast<const PgQuery__SelectStmt*>(step.message);
    if (!select->with_clause) continue;
    for (size_t i = 0; i < select->with_clause->n_ctes; ++i) {
      const PgQuery__Node* cte = select->with_clause->ctes[i];
      if (cte->node_case == PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR && cte->common_table_expr->ctename)
        names.insert(cte->common_table_expr->ctename);
    }
  }
  return names;
}

bool reads_any_of(PgQuery__Node* root, const std::set<std::string>& names) {
  bool found = false;
  if (names.empty()) return false;
  walk_node_slots(&root, [&](PgQuery__Node** slot, const TreePath&) {
    const PgQuery__Node* node = *slot;
    if (node->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) return !found;
    const PgQuery__RangeVar* table = node->range_var;
    bool schemaless = !table->schemaname || !*table->schemaname;
    if (schemaless && table->relname && names.count(table->relname)) found = true;
    return false;
  });
  return found;
}

}  // namespace pgadvisor
