#include "plans/sql/count_having.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "plans/ascii_case.hpp"
#include "plans/sql/column_references.hpp"
#include "plans/sql/node_templates.hpp"
#include "plans/sql/parse_tree_access.hpp"
#include "plans/sql/parse_tree_edit.hpp"
#include "plans/sql/parse_tree_walk.hpp"
#include "plans/sql/pg_query_api.hpp"
#include "plans/sql/sql_constant.hpp"

namespace pgadvisor {

using nlohmann::json;

namespace {

// The body of `node` when it is an aggregate count(...) call (not a window's); nullptr otherwise.
const json* count_call(const json& node) {
  auto [type, body] = node_of(node);
  if (type != "FuncCall" || body->contains("over")) return nullptr;
  return ascii_lower(last_name(items_of(*body, "funcname"))) == "count" ? body : nullptr;
}

bool calls_count(const json& tree) {
  auto names = called_functions(tree);
  return std::find(names.begin(), names.end(), "count") != names.end();
}

bool calls_aggregate(const json& tree) {
  static const std::set<std::string> aggregates = {
      "count", "sum", "avg", "min", "max", "array_agg", "string_agg", "bool_and", "bool_or", "every",
      "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg", "stddev", "variance"};
  for (const auto& name : called_functions(tree))
    if (aggregates.count(name)) return true;
  return false;
}

// The text between the parentheses of the count(...) call at `call`, as the statement writes it.
std::string counted_text(const std::string& sql, const json& call) {
  if (call.value("agg_star", false)) return "*";
  int location = call.value("location", -1);
  std::vector<SqlToken> tokens = scan_sql(sql);
  size_t at = 0;
  while (at < tokens.size() && static_cast<int>(tokens[at].start) < location) ++at;
  while (at < tokens.size() && tokens[at].symbol != '(') ++at;
  size_t open = at;
  for (int depth = 0; at < tokens.size(); ++at) {
    depth += tokens[at].symbol == '(' ? 1 : tokens[at].symbol == ')' ? -1 : 0;
    if (depth == 0) break;
  }
  if (at >= tokens.size() || at <= open + 1) return "";
  return sql.substr(tokens[open + 1].start, tokens[at - 1].end - tokens[open + 1].start);
}

// HAVING COUNT(x) op value, or value op' COUNT(x) turned round: the count call and the comparison.
struct HavingCount {
  const json* call = nullptr;
  std::string op, compared;
};

std::optional<HavingCount> having_count(const json& having) {
  auto [type, expr] = node_of(having);
  if (type != "A_Expr" || expr->value("kind", "") != "AEXPR_OP") return std::nullopt;
  std::string op = last_name(items_of(*expr, "name"));
  const json& lexpr = child(*expr, "lexpr");
  const json& rexpr = child(*expr, "rexpr");
  const json* call = count_call(lexpr);
  auto value = constant_literal(rexpr);
  if (!call) {  // value < COUNT(x), value <= COUNT(x)
    call = count_call(rexpr);
    value = constant_literal(lexpr);
    op = op == "<" ? ">" : op == "<=" ? ">=" : "";
  }
  if (!call || !value || (op != ">" && op != ">=")) return std::nullopt;
  return HavingCount{call, op, *value};
}

TableRef table_of(const json& range_var) {
  TableRef table;
  table.name = range_var.value("relname", "");
  table.alias = child(range_var, "alias").value("aliasname", table.name);
  std::string schema = range_var.value("schemaname", "");
  table.schema = schema == "public" ? "" : schema;
  return table;
}

// What the join shape reads: the two tables and the sides of the ON equality.
struct JoinShape {
  std::vector<TableRef> tables;  // parent, child
  ColumnName parent_side, child_side;
};

std::optional<JoinShape> join_shape(const json& select, const json& call) {
  const json& from = items_of(select, "fromClause");
  if (from.size() != 1) return std::nullopt;
  auto [type, join] = node_of(from[0]);
  if (type != "JoinExpr" || join->contains("alias")) return std::nullopt;
  std::string kind = join->value("jointype", "");
  if (kind != "JOIN_LEFT" && kind != "JOIN_INNER") return std::nullopt;
  auto [left_type, left] = node_of(child(*join, "larg"));
  auto [right_type, right] = node_of(child(*join, "rarg"));
  if (left_type != "RangeVar" || right_type != "RangeVar") return std::nullopt;
  JoinShape shape;
  shape.tables = {table_of(*left), table_of(*right)};
  std::string parent = shape.tables[0].qualified_name(), child_table = shape.tables[1].qualified_name();
  if (parent.empty() || child_table.empty() || parent == child_table) return std::nullopt;

  const json& args = items_of(call, "args");
  if (args.size() != 1 || call.value("agg_distinct", false)) return std::nullopt;
  auto [arg_type, arg] = node_of(args[0]);
  if (arg_type != "ColumnRef") return std::nullopt;
  auto counted = resolve_column(shape.tables, *arg);
  if (!counted || counted->table != child_table) return std::nullopt;

  auto [quals_type, quals] = node_of(child(*join, "quals"));
  if (quals_type != "A_Expr" || quals->value("kind", "") != "AEXPR_OP" || last_name(items_of(*quals, "name")) != "=")
    return std::nullopt;
  auto [a_type, a] = node_of(child(*quals, "lexpr"));
  auto [b_type, b] = node_of(child(*quals, "rexpr"));
  if (a_type != "ColumnRef" || b_type != "ColumnRef") return std::nullopt;
  auto first = resolve_column(shape.tables, *a), second = resolve_column(shape.tables, *b);
  if (!first || !second) return std::nullopt;
  if (first->table == child_table) std::swap(first, second);
  if (first->table != parent || second->table != child_table) return std::nullopt;
  shape.parent_side = *first;
  shape.child_side = *second;

  // COUNT(x) > 0 is "a child row with x not NULL": the same as EXISTS only when x is never NULL
  // (the child's key, or the column the join matched).
  if (counted->column != "id" && counted->column != shape.child_side.column) return std::nullopt;

  bool grouped_by_join_column = false;
  for (const auto& group : items_of(select, "groupClause")) {  // grouped by the parent's columns
    auto [group_type, column] = node_of(group);
    auto grouped = group_type == "ColumnRef" ? resolve_column(shape.tables, *column) : std::nullopt;
    if (!grouped || grouped->table != parent) return std::nullopt;
    grouped_by_join_column = grouped_by_join_column || grouped->column == shape.parent_side.column;
  }
  // Grouped by other parent columns only (values('author_id').annotate(...)), a group holds
  // several parent rows: EXISTS per row would return each of them.
  if (!grouped_by_join_column) return std::nullopt;
  return shape;
}

// True when `tree` reads more than the parent's columns: an aggregate, a star, a column of the
// child, an unqualified name (perhaps the count's output name).
bool reads_beyond_parent(const json& tree, const JoinShape& shape) {
  if (calls_aggregate(tree)) return true;
  bool beyond = false;
  walk_parse_tree(tree, [&](const std::string& type, const json& body) {
    if (type != "ColumnRef" || beyond) return;
    auto column = resolve_column(shape.tables, body);
    beyond = !column || column->table != shape.parent_side.table;
  });
  return beyond;
}

// The targets to drop (those computing a count) when the rest of the statement can do without the
// join; nullopt when it cannot.
std::optional<std::vector<bool>> droppable_targets(const json& select, const JoinShape& shape) {
  std::vector<bool> dropped;
  const json& targets = items_of(select, "targetList");
  for (const auto& target : targets) dropped.push_back(calls_count(target));
  if (std::find(dropped.begin(), dropped.end(), false) == dropped.end()) return std::nullopt;
  for (size_t i = 0; i < targets.size(); ++i)
    if (!dropped[i] && reads_beyond_parent(targets[i], shape)) return std::nullopt;
  for (const char* key : {"whereClause", "sortClause", "distinctClause", "windowClause"})
    if (reads_beyond_parent(child(select, key), shape)) return std::nullopt;
  for (const auto& sort : items_of(select, "sortClause")) {  // ORDER BY 3 would point elsewhere
    auto [sort_type, by] = node_of(sort);
    if (sort_type == "SortBy" && node_of(child(*by, "node")).first == "A_Const") return std::nullopt;
  }
  return dropped;
}

// `quals` with the child's column first (child.fk = parent.column).
PgQuery__Node* child_side_first(PgQuery__Node* quals, const std::string& parent_alias) {
  if (quals->node_case == PG_QUERY__NODE__NODE_A_EXPR && quals->a_expr->lexpr &&
      quals->a_expr->lexpr->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
      column_qualifier(quals->a_expr->lexpr->column_ref) == parent_alias)
    std::swap(quals->a_expr->lexpr, quals->a_expr->rexpr);
  return quals;
}

// The statement without the join, GROUP BY, HAVING and the dropped targets, EXISTS (SELECT 1 FROM
// child WHERE child.fk = parent.column) AND-ed to its WHERE; deparsed.
std::string exists_form(const std::string& sql, const std::vector<bool>& dropped, const std::string& parent_alias) {
  try {
    auto tree = ProtoTree::parse(sql);
    PgQuery__SelectStmt* select = tree ? tree->select() : nullptr;
    if (!select || select->n_from_clause != 1 || select->n_target_list != dropped.size()) return "";
    PgQuery__JoinExpr* join =
        expect_node(select->from_clause[0], PG_QUERY__NODE__NODE_JOIN_EXPR, "the grouped join")->join_expr;
    if (!join->larg || !join->rarg || !join->quals) return "";

    PgQuery__Node* exists = expect_node(template_where("SELECT WHERE EXISTS (SELECT 1 FROM child WHERE true)"),
                                        PG_QUERY__NODE__NODE_SUB_LINK, "EXISTS");
    PgQuery__SelectStmt* subquery =
        expect_node(exists->sub_link->subselect, PG_QUERY__NODE__NODE_SELECT_STMT, "EXISTS (SELECT)")->select_stmt;
    set_node_list(&subquery->from_clause, &subquery->n_from_clause, {copy_node(join->rarg)});
    replace_node(&subquery->where_clause, child_side_first(copy_node(join->quals), parent_alias));

    std::vector<PgQuery__Node*> kept;
    for (size_t i = 0; i < dropped.size(); ++i)
      if (!dropped[i]) kept.push_back(copy_node(select->target_list[i]));
    set_node_list(&select->target_list, &select->n_target_list, kept);
    set_node_list(&select->from_clause, &select->n_from_clause, {copy_node(join->larg)});
    set_node_list(&select->group_clause, &select->n_group_clause, {});
    replace_node(&select->having_clause, nullptr);
    select->where_clause = select->where_clause ? and_of({select->where_clause, exists}) : exists;
    return tree->deparse().value_or("");
  } catch (const std::logic_error&) {
    return "";
  }
}

}  // namespace

std::optional<CountHaving> find_count_having(const std::string& sql) {
  ParsedSql parsed = parse_sql(sql);
  const json& statements = parsed.statements();
  if (statements.size() != 1) return std::nullopt;
  auto [type, select] = node_of(child(statements[0], "stmt"));
  if (type != "SelectStmt" || select->value("op", "SETOP_NONE") != "SETOP_NONE") return std::nullopt;
  if (items_of(*select, "groupClause").empty() || !calls_count(child(*select, "targetList"))) return std::nullopt;
  auto having = having_count(child(*select, "havingClause"));
  if (!having) return std::nullopt;

  CountHaving found;
  found.counted = counted_text(parsed.sql, *having->call);
  found.op = having->op;
  found.compared = having->compared;
  auto shape = join_shape(*select, *having->call);
  if (!shape) return found;
  found.parent_table = shape->parent_side.table;
  found.child_table = shape->child_side.table;
  found.fk_column = shape->child_side.column;
  found.parent_column = shape->parent_side.column;
  if (auto dropped = droppable_targets(*select, *shape))
    found.exists_sql = exists_form(parsed.sql, *dropped, shape->tables[0].alias);
  return found;
}

}  // namespace pgadvisor
