#include "plans/sql/in_subquery_locate.hpp"


#include "plans/sql/column_scope.hpp"

namespace pgadvisor {
namespace {

std::string operator_name(const PgQuery__SubLink* sublink) {
  if (sublink->n_oper_name == 0) return "";
  const PgQuery__Node* last = sublink->oper_name[sublink->n_oper_name - 1];
  return last->node_case == PG_QUERY__NODE__NODE_STRING && last->string->sval ? last->string->sval : "?";
}

bool is_level(const TreeStep& step) {
  return step_is(step, pg_query__select_stmt__descriptor) || step_is(step, pg_query__update_stmt__descriptor) ||
         step_is(step, pg_query__delete_stmt__descriptor);
}

bool is_bool_expr(const PgQuery__Node* node, PgQuery__BoolExprType type) {
  return node && node->node_case == PG_QUERY__NODE__NODE_BOOL_EXPR && node->bool_expr->boolop == type;
}

bool contains(PgQuery__Node* root, PgQuery__Node__NodeCase node_case) {
  bool found = false;
  walk_node_slots(&root, [&](PgQuery__Node** slot, const TreePath&) {
    if ((*slot)->node_case == node_case) found = true;
    return !found;
  });
  return found;
}

void add_conjuncts(PgQuery__Node* node, std::vector<PgQuery__Node*>& conjuncts) {
  if (is_bool_expr(node, PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR)) {
    for (size_t i = 0; i < node->bool_expr->n_args; ++i) add_conjuncts(node->bool_expr->args[i], conjuncts);
  } else if (node) {
    conjuncts.push_back(node);
  }
}

bool is_star(const PgQuery__Node* value) {
  if (!value) return true;
  if (value->node_case == PG_QUERY__NODE__NODE_A_STAR) return true;
  if (value->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) return false;
  const PgQuery__ColumnRef* ref = value->column_ref;
  return ref->n_fields > 0 && ref->fields[ref->n_fields - 1]->node_case == PG_QUERY__NODE__NODE_A_STAR;
}

std::string why_not_rewritable(const PgQuery__Node* statement, const PgQuery__SubLink* sublink,
                               const TreePath& path) {
  if (statement->node_case != PG_QUERY__NODE__NODE_SELECT_STMT || statement->select_stmt->into_clause)
    return "the statement is not a SELECT";
  if (!sublink->testexpr || sublink->testexpr->node_case == PG_QUERY__NODE__NODE_ROW_EXPR)
    return "a row comparison";
  if (contains(sublink->testexpr, PG_QUERY__NODE__NODE_SUB_LINK)) return "the tested expression holds a subquery";
  if (!sublink->subselect || sublink->subselect->node_case != PG_QUERY__NODE__NODE_SELECT_STMT)
    return "the subquery is not a SELECT";
  const PgQuery__SelectStmt* output = leftmost_select(sublink->subselect->select_stmt);
  if (output->n_values_lists) return "the subquery is a VALUES list";
  if (output->n_target_list != 1) return "the subquery has more than one output column";
  const PgQuery__Node* target = output->target_list[0];
  if (target->node_case != PG_QUERY__NODE__NODE_RES_TARGET || is_star(target->res_target->val))
    return "the subquery's output is *";
  auto outside = outside_qualifiers(sublink->subselect, {});
  if (!outside.empty()) return "correlated: the subquery refers to " + outside.front() + " of an enclosing query";
  if (reads_any_of(sublink->subselect, enclosing_cte_names(path)))
    return "the subquery reads a WITH query of the statement";
  return "";
}

bool plain(const PgQuery__SelectStmt* select) {
  if (select->op != PG_QUERY__SET_OPERATION__SETOP_NONE || select->limit_count || select->limit_offset ||
      select->n_distinct_clause || select->n_group_clause || select->having_clause || select->n_window_clause ||
      select->with_clause || select->n_values_lists || select->n_locking_clause || select->into_clause ||
      select->n_target_list != 1)
    return false;
  return !contains(select->target_list[0], PG_QUERY__NODE__NODE_FUNC_CALL);
}

// Fills outer_table and other_conjuncts and sets constrainable when the predicates of `level`
// may be pushed into the subquery.
void find_constraint(LocatedInSubquery& found, PgQuery__SelectStmt* level, const TreePath& path) {
  if (!found.plain_subquery || !level || level->n_from_clause != 1 ||
      level->from_clause[0]->node_case != PG_QUERY__NODE__NODE_RANGE_VAR)
    return;
  std::vector<PgQuery__Node*> conjuncts;
  add_conjuncts(level->where_clause, conjuncts);
  PgQuery__Node* sublink = *found.slot;
  bool top = false;
  std::vector<PgQuery__Node*> others;
  for (PgQuery__Node* conjunct : conjuncts) {
    bool is_it = conjunct == sublink || (is_bool_expr(conjunct, PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR) &&
                                         conjunct->bool_expr->n_args == 1 && conjunct->bool_expr->args[0] == sublink);
    if (is_it)
      top = true;
    else
      others.push_back(conjunct);
  }
  if (!top || others.empty()) return;
  PgQuery__Node* table = level->from_clause[0];
  std::set<std::string> visible = from_item_names(level);
  std::set<std::string> ctes = enclosing_cte_names(path);
  if (reads_any_of(table, ctes) || !outside_qualifiers(found.sublink()->testexpr, visible).empty()) return;
  for (PgQuery__Node* other : others)
    if (!outside_qualifiers(other, visible).empty() || reads_any_of(other, ctes)) return;
  found.outer_table = table;
  found.other_conjuncts = others;
  found.constrainable = true;
}

}  // namespace

const PgQuery__SelectStmt* leftmost_select(const PgQuery__SelectStmt* select) {
  while (select->op != PG_QUERY__SET_OPERATION__SETOP_NONE && select->larg) select = select->larg;
  return select;
}

std::vector<LocatedInSubquery> locate_in_subqueries(const ProtoTree& tree) {
  std::vector<LocatedInSubquery> located;
  PgQuery__Node** statement = tree.statement_slot();
  if (!statement) return located;
  walk_node_slots(statement, [&](PgQuery__Node** slot, const TreePath& path) {
    if ((*slot)->node_case != PG_QUERY__NODE__NODE_SUB_LINK) return true;
    PgQuery__SubLink* sublink = (*slot)->sub_link;
    std::string op = operator_name(sublink);
    bool any = sublink->sub_link_type == PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK && (op.empty() || op == "=");
    bool all = sublink->sub_link_type == PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK && op == "<>";
    if (!any && !all) return true;
    const TreeStep* level_step = nullptr;
    for (auto step = path.rbegin(); step != path.rend() && !level_step; ++step)
      if (is_level(*step)) level_step = &*step;
    if (!level_step || !step_field_is(*level_step, "where_clause")) return true;

    LocatedInSubquery found;
    found.slot = slot;
    found.all_form = all;
    bool under_not = !path.empty() && step_is(path.back(), pg_query__bool_expr__descriptor) &&
                     reinterpret_cast<const PgQuery__BoolExpr*>(path.back().message)->boolop ==
                         PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR;
    found.negated = all != under_not;
    found.not_rewritable = why_not_rewritable(*statement, sublink, path);
    if (found.not_rewritable.empty()) {
      found.plain_subquery = plain(sublink->subselect->select_stmt);
      auto* level = step_is(*level_step, pg_query__select_stmt__descriptor)
                        ? reinterpret_cast<PgQuery__SelectStmt*>(level_step->message)
                        : nullptr;
      find_constraint(found, level, path);
    }
    located.push_back(std::move(found));
    return true;
  });
  return located;
}

}  // namespace pgadvisor
