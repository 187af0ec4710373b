#include "plans/sql/node_templates.hpp"

#include <stdexcept>
#include <string>

namespace pgadvisor {
namespace {

ProtoTree parse_template(const char* sql) {
  std::string error;
  auto tree = ProtoTree::parse(sql, &error);
  if (!tree || !tree->statement()) throw std::logic_error(std::string("template does not parse: ") + sql);
  return std::move(*tree);
}

PgQuery__SelectStmt* select_of(PgQuery__Node* node, const char* what) {
  return expect_node(node, PG_QUERY__NODE__NODE_SELECT_STMT, what)->select_stmt;
}

// The value of the first target of `select`'s ResTarget.
PgQuery__Node** first_target_value(PgQuery__SelectStmt* select, const char* what) {
  if (select->n_target_list < 1) throw std::logic_error(std::string("template without a target: ") + what);
  return &expect_node(select->target_list[0], PG_QUERY__NODE__NODE_RES_TARGET, what)->res_target->val;
}

}  // namespace

PgQuery__Node* expect_node(PgQuery__Node* node, PgQuery__Node__NodeCase node_case, const char* what) {
  if (!node || node->node_case != node_case) throw std::logic_error(std::string("unexpected template shape: ") + what);
  return node;
}

PgQuery__Node* template_statement(const char* sql) { return copy_node(parse_template(sql).statement()); }

PgQuery__Node* template_where(const char* sql) {
  ProtoTree tree = parse_template(sql);
  PgQuery__SelectStmt* select = tree.select();
  if (!select || !select->where_clause) throw std::logic_error(std::string("template without WHERE: ") + sql);
  return copy_node(select->where_clause);
}

PgQuery__Node* any_array_test(PgQuery__Node* expr, PgQuery__Node* array) {
  PgQuery__Node* test = expect_node(template_where("SELECT WHERE x = ANY(y)"), PG_QUERY__NODE__NODE_A_EXPR, "= ANY");
  replace_node(&test->a_expr->lexpr, expr);
  replace_node(&test->a_expr->rexpr, array);
  return test;
}

PgQuery__Node* in_list_test(PgQuery__Node* expr, const std::vector<PgQuery__Node*>& items, bool negated) {
  PgQuery__Node* test = expect_node(template_where(negated ? "SELECT WHERE x NOT IN (1)" : "SELECT WHERE x IN (1)"),
                                    PG_QUERY__NODE__NODE_A_EXPR, "IN list");
  replace_node(&test->a_expr->lexpr, expr);
  PgQuery__List* list = expect_node(test->a_expr->rexpr, PG_QUERY__NODE__NODE_LIST, "IN list")->list;
  set_node_list(&list->items, &list->n_items, items);
  return test;
}

PgQuery__Node* not_of(PgQuery__Node* expr) {
  PgQuery__Node* node = expect_node(template_where("SELECT WHERE NOT x"), PG_QUERY__NODE__NODE_BOOL_EXPR, "NOT");
  set_node_list(&node->bool_expr->args, &node->bool_expr->n_args, {expr});
  return node;
}

PgQuery__Node* and_of(const std::vector<PgQuery__Node*>& conjuncts) {
  if (conjuncts.size() == 1) return conjuncts[0];
  PgQuery__Node* node = expect_node(template_where("SELECT WHERE a AND b"), PG_QUERY__NODE__NODE_BOOL_EXPR, "AND");
  set_node_list(&node->bool_expr->args, &node->bool_expr->n_args, conjuncts);
  return node;
}

PgQuery__Node* is_not_false(PgQuery__Node* expr) {
  PgQuery__Node* node =
      expect_node(template_where("SELECT WHERE x IS NOT FALSE"), PG_QUERY__NODE__NODE_BOOLEAN_TEST, "IS NOT FALSE");
  replace_node(&node->boolean_test->arg, expr);
  return node;
}

PgQuery__Node* in_subquery_test(PgQuery__Node* expr, PgQuery__Node* select) {
  PgQuery__Node* node =
      expect_node(template_where("SELECT WHERE x IN (SELECT 1)"), PG_QUERY__NODE__NODE_SUB_LINK, "IN (SELECT)");
  replace_node(&node->sub_link->testexpr, expr);
  replace_node(&node->sub_link->subselect, select);
  return node;
}

PgQuery__Node* select_from_where(PgQuery__Node* target, PgQuery__Node* from_item, PgQuery__Node* where) {
  PgQuery__Node* node = template_statement("SELECT x FROM y");
  PgQuery__SelectStmt* select = select_of(node, "SELECT FROM");
  replace_node(first_target_value(select, "SELECT FROM"), target);
  set_node_list(&select->from_clause, &select->n_from_clause, {from_item});
  replace_node(&select->where_clause, where);
  return node;
}

PgQuery__Node* distinct_values_of(PgQuery__Node* subquery) {
  PgQuery__Node* node = template_statement("SELECT DISTINCT s.v FROM (SELECT 1) AS s(v)");
  PgQuery__SelectStmt* select = select_of(node, "DISTINCT s.v");
  if (select->n_from_clause != 1) throw std::logic_error("unexpected template shape: DISTINCT s.v");
  PgQuery__Node* from = expect_node(select->from_clause[0], PG_QUERY__NODE__NODE_RANGE_SUBSELECT, "DISTINCT s.v");
  replace_node(&from->range_subselect->subquery, subquery);
  return node;
}

PgQuery__Node* exists_match_of(PgQuery__Node* subquery, PgQuery__Node* expr) {
  PgQuery__Node* node = expect_node(
      template_where("SELECT WHERE EXISTS (SELECT 1 FROM (SELECT 1) AS pgadvisor_in(pgadvisor_value) "
                     "WHERE pgadvisor_in.pgadvisor_value = x)"),
      PG_QUERY__NODE__NODE_SUB_LINK, "EXISTS");
  PgQuery__SelectStmt* inner = select_of(node->sub_link->subselect, "EXISTS");
  if (inner->n_from_clause != 1 || !inner->where_clause) throw std::logic_error("unexpected template shape: EXISTS");
  PgQuery__Node* from = expect_node(inner->from_clause[0], PG_QUERY__NODE__NODE_RANGE_SUBSELECT, "EXISTS");
  replace_node(&from->range_subselect->subquery, subquery);
  PgQuery__Node* match = expect_node(inner->where_clause, PG_QUERY__NODE__NODE_A_EXPR, "EXISTS match");
  replace_node(&match->a_expr->rexpr, expr);
  return node;
}

void make_distinct(PgQuery__SelectStmt* select) {
  ProtoTree tree = parse_template("SELECT DISTINCT 1");
  PgQuery__SelectStmt* distinct = tree.select();
  if (!distinct || distinct->n_distinct_clause != 1) throw std::logic_error("unexpected template shape: DISTINCT");
  set_node_list(&select->distinct_clause, &select->n_distinct_clause, {copy_node(distinct->distinct_clause[0])});
}

}  // namespace pgadvisor
