#include "plans/sql/in_subquery.hpp"

#include <stdexcept>

#include "plans/sql/element_type.hpp"
#include "plans/sql/in_subquery_locate.hpp"
#include "plans/sql/node_templates.hpp"
#include "plans/sql/parameter_renumbering.hpp"
#include "plans/sql/parse_tree_edit.hpp"

namespace pgadvisor {
namespace {

bool limit_without_order(const ProtoTree& tree) {
  const PgQuery__SelectStmt* select = tree.select();
  return select && select->limit_count && select->n_sort_clause == 0;
}

// The parsed statement and its IN-subquery number `index`, when that one can be materialized.
struct Target {
  ProtoTree tree;
  LocatedInSubquery found;
};

std::optional<Target> rewritable(const std::string& sql, int index, std::string& why_not) {
  std::string error;
  auto tree = ProtoTree::parse(sql, &error);
  if (!tree) {
    why_not = "the statement does not parse: " + error;
    return std::nullopt;
  }
  std::vector<LocatedInSubquery> located = locate_in_subqueries(*tree);
  if (index < 0 || static_cast<size_t>(index) >= located.size()) {
    why_not = "the statement has no IN-subquery #" + std::to_string(index);
    return std::nullopt;
  }
  LocatedInSubquery found = located[static_cast<size_t>(index)];
  if (!found.not_rewritable.empty()) {
    why_not = found.not_rewritable;
    return std::nullopt;
  }
  return Target{std::move(*tree), std::move(found)};
}

std::optional<RewrittenStatement> finish(const ProtoTree& tree, int added, std::string& why_not) {
  auto renumbered = deparse_renumbered(tree, added, why_not);
  if (!renumbered) return std::nullopt;
  return RewrittenStatement{renumbered->sql, renumbered->params};
}

// `v IN (SELECT outer_expression FROM outer_table WHERE other conjuncts)`; for NOT IN, the same
// IS NOT FALSE: NULL values are kept, and every value when the outer expression is NULL on some
// row (the NOT IN of such a row is NULL unless the list is empty).
PgQuery__Node* outer_constraint(const LocatedInSubquery& found, const PgQuery__Node* value) {
  std::vector<PgQuery__Node*> others;
  for (const PgQuery__Node* other : found.other_conjuncts) others.push_back(copy_node(other));
  PgQuery__Node* outer_rows = select_from_where(copy_node(found.sublink()->testexpr), copy_node(found.outer_table),
                                                and_of(others));
  PgQuery__Node* constraint = in_subquery_test(copy_node(value), outer_rows);
  return found.negated ? is_not_false(constraint) : constraint;
}

void add_conjunct(PgQuery__SelectStmt* select, PgQuery__Node* conjunct) {
  PgQuery__Node* where = select->where_clause;
  if (!where) {
    select->where_clause = conjunct;
  } else if (where->node_case == PG_QUERY__NODE__NODE_BOOL_EXPR &&
             where->bool_expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR) {
    std::vector<PgQuery__Node*> args;
    for (size_t i = 0; i < where->bool_expr->n_args; ++i) args.push_back(copy_node(where->bool_expr->args[i]));
    args.push_back(conjunct);
    set_node_list(&where->bool_expr->args, &where->bool_expr->n_args, args);
  } else {
    select->where_clause = and_of({where, conjunct});
  }
}

// SELECT DISTINCT of the subquery's output: the subquery itself made DISTINCT (ORDER BY dropped)
// when it is plain, else wrapped.
PgQuery__Node* distinct_values(const LocatedInSubquery& found, bool constrain) {
  PgQuery__Node* subquery = copy_node(found.sublink()->subselect);
  if (!found.plain_subquery) return distinct_values_of(subquery);
  PgQuery__SelectStmt* select = subquery->select_stmt;
  set_node_list(&select->sort_clause, &select->n_sort_clause, {});
  make_distinct(select);
  if (constrain) {
    const PgQuery__Node* value = expect_node(select->target_list[0], PG_QUERY__NODE__NODE_RES_TARGET, "output")
                                     ->res_target->val;
    add_conjunct(select, outer_constraint(found, value));
  }
  return subquery;
}

}  // namespace

Statement step_statement(const RewrittenStatement& step, const Statement& original,
                         const std::vector<StatementParam>& extra) {
  Statement out = original;
  out.sql = step.sql;
  out.params.clear();
  for (int number : step.params)
    out.params.push_back(number >= 1 && static_cast<size_t>(number) <= original.params.size()
                             ? original.params[static_cast<size_t>(number) - 1]
                             : StatementParam{});
  out.params.insert(out.params.end(), extra.begin(), extra.end());
  return out;
}

std::vector<InSubquery> find_in_subqueries(const std::string& sql) {
  std::vector<InSubquery> out;
  auto tree = ProtoTree::parse(sql);
  if (!tree) return out;
  bool limited = limit_without_order(*tree);
  for (const LocatedInSubquery& found : locate_in_subqueries(*tree)) {
    InSubquery item;
    item.index = static_cast<int>(out.size());
    item.negated = found.negated;
    item.outer_expression = deparse_expression_node(found.sublink()->testexpr);
    item.subquery_sql = deparse_statement(found.sublink()->subselect).value_or("");
    item.not_rewritable = found.not_rewritable;
    item.constrainable = found.constrainable;
    item.outer_has_limit_without_order = limited;
    out.push_back(std::move(item));
  }
  return out;
}

std::optional<RewrittenStatement> materialize_step(const std::string& sql, int index, bool constrain,
                                                   std::string& why_not) {
  auto target = rewritable(sql, index, why_not);
  if (!target) return std::nullopt;
  if (constrain && !target->found.constrainable) {
    why_not = "the outer predicates cannot be pushed into this subquery";
    return std::nullopt;
  }
  replace_node(target->tree.statement_slot(), distinct_values(target->found, constrain));
  return finish(target->tree, 0, why_not);
}

std::optional<RewrittenStatement> array_step(const std::string& sql, int index, const std::string& element_type,
                                             std::string& why_not) {
  auto type = ElementType::parse(element_type, why_not);
  if (!type) return std::nullopt;
  auto target = rewritable(sql, index, why_not);
  if (!target) return std::nullopt;
  int added = highest_parameter_number(target->tree.statement()) + 1;
  PgQuery__Node* test =
      any_array_test(copy_node(target->found.sublink()->testexpr), type->array_parameter(added));
  replace_node(target->found.slot, target->found.all_form ? not_of(test) : test);
  return finish(target->tree, added, why_not);
}

std::optional<RewrittenStatement> inline_list_step(const std::string& sql, int index,
                                                   const std::vector<std::optional<std::string>>& values,
                                                   const std::string& element_type, std::string& why_not) {
  if (values.empty()) {
    why_not = "an empty list cannot be written inline (use the array form)";
    return std::nullopt;
  }
  auto type = ElementType::parse(element_type, why_not);
  if (!type) return std::nullopt;
  auto target = rewritable(sql, index, why_not);
  if (!target) return std::nullopt;
  std::vector<PgQuery__Node*> items;
  for (const auto& value : values) items.push_back(type->literal(value));
  replace_node(target->found.slot,
               in_list_test(copy_node(target->found.sublink()->testexpr), items, target->found.all_form));
  return finish(target->tree, 0, why_not);
}

std::optional<RewrittenStatement> exists_step(const std::string& sql, int index, std::string& why_not) {
  auto target = rewritable(sql, index, why_not);
  if (!target) return std::nullopt;
  PgQuery__Node* exists =
      exists_match_of(copy_node(target->found.sublink()->subselect), copy_node(target->found.sublink()->testexpr));
  replace_node(target->found.slot, target->found.all_form ? not_of(exists) : exists);
  return finish(target->tree, 0, why_not);
}

namespace {

// The parsed statement without its top-level LIMIT and OFFSET; nullopt when it is not a SELECT.
std::optional<ProtoTree> unlimited(const std::string& sql, std::string& why_not) {
  std::string error;
  auto tree = ProtoTree::parse(sql, &error);
  if (!tree) {
    why_not = "the statement does not parse: " + error;
    return std::nullopt;
  }
  PgQuery__SelectStmt* select = tree->select();
  if (!select) {
    why_not = "the statement is not a SELECT";
    return std::nullopt;
  }
  replace_node(&select->limit_count, nullptr);
  replace_node(&select->limit_offset, nullptr);
  select->limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
  return tree;
}

}  // namespace

std::string without_limit(const std::string& sql) {
  auto tree = ProtoTree::parse(sql);
  const PgQuery__SelectStmt* select = tree ? tree->select() : nullptr;
  if (!select || (!select->limit_count && !select->limit_offset)) return sql;
  std::string why_not;
  auto stripped = unlimited(sql, why_not);
  return stripped ? stripped->deparse().value_or(sql) : sql;
}

std::optional<RewrittenStatement> without_limit_step(const std::string& sql, std::string& why_not) {
  auto stripped = unlimited(sql, why_not);
  if (!stripped) return std::nullopt;
  return finish(*stripped, 0, why_not);
}

}  // namespace pgadvisor
