#include "plans/sql/query_facts.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "plans/ascii_case.hpp"
#include "plans/sql/column_references.hpp"
#include "plans/sql/common_conjuncts.hpp"
#include "plans/sql/expression_text.hpp"
#include "plans/sql/parse_tree_access.hpp"
#include "plans/sql/parse_tree_walk.hpp"
#include "plans/sql/sql_constant.hpp"

namespace pgadvisor {

using nlohmann::json;

namespace {

class ScopeBuilder {
 public:
  ScopeBuilder(QueryFacts& facts, const std::string& sql, const TableColumns* columns)
      : facts_(facts), sql_(sql), columns_(columns) {}

  // Adds a scope for a SELECT body (or the body of UPDATE / DELETE) and returns its index; a
  // UNION's branches are scopes of their own (the first one's index is returned).
  int add_select(const json& select, int parent = -1) {
    added_.insert(&select);
    const json& ctes = items_of(child(select, "withClause"), "ctes");
    for (const auto& cte : ctes) ctes_.push_back(child(cte, "CommonTableExpr").value("ctename", ""));
    int index = -1;
    if (select.value("op", "SETOP_NONE") != "SETOP_NONE") {
      index = add_select(child(select, "larg"), parent);
      add_select(child(select, "rarg"), parent);
    } else {
      index = new_scope(parent);
      for (const auto& item : items_of(select, "fromClause")) add_from_item(index, item);
      finish_scope(index, select);
    }
    for (const auto& cte : ctes) {  // each CTE's own query is a scope after this one
      auto [type, query] = node_of(child(child(cte, "CommonTableExpr"), "ctequery"));
      if (type == "SelectStmt") add_select(*query);
    }
    return index;
  }

  void add_insert_target(const json& relation) {
    add_range_var(0, relation);
    facts_.scopes[0].tables.back().alias.clear();
  }

  int add_modify(const json& body) {
    int index = new_scope();
    add_range_var(index, child(body, "relation"));
    for (const auto& item : items_of(body, "fromClause")) add_from_item(index, item);
    for (const auto& item : items_of(body, "usingClause")) add_from_item(index, item);
    finish_scope(index, body);
    return index;
  }

 private:
  int new_scope(int parent = -1) {
    facts_.scopes.emplace_back();
    facts_.scopes.back().parent = parent;
    return static_cast<int>(facts_.scopes.size()) - 1;
  }
  QueryScope& scope(int index) { return facts_.scopes[static_cast<size_t>(index)]; }

  void finish_scope(int index, const json& body) {
    if (body.contains("whereClause")) add_conjuncts(index, body["whereClause"]);
    std::vector<std::string> output_names;
    for (const auto& target : items_of(body, "targetList"))
      if (target.contains("ResTarget")) output_names.push_back(target["ResTarget"].value("name", ""));
    for (const auto& sort : items_of(body, "sortClause")) add_sort_key(index, sort, output_names);
    scope(index).grouped = !items_of(body, "groupClause").empty();
    for (const auto& key : items_of(body, "groupClause")) add_group_key(index, key, output_names);
    if (body.contains("limitCount")) {
      auto literal = constant_literal(body["limitCount"]);
      long long limit = 0;
      if (literal && std::from_chars(literal->data(), literal->data() + literal->size(), limit).ec == std::errc())
        scope(index).limit = limit;  // a parameter, ALL or an out-of-range number leaves it unset
    }
    for (const auto& target : items_of(body, "targetList")) {
      if (!target.contains("ResTarget")) continue;
      const auto& val = child(target["ResTarget"], "val");
      if (val.contains("ColumnRef")) {
        if (auto column = resolve(index, val["ColumnRef"])) scope(index).selected.push_back(*column);
      }
      if (val.contains("FuncCall")) {
        const json& call = val["FuncCall"];
        scope(index).target_calls.push_back(ascii_lower(last_name(items_of(call, "funcname"))) +
                                            (call.value("agg_star", false) ? "(*)" : ""));
      }
    }
    collect_referenced_columns(body, output_names, scope(index), columns_);
    add_other_subqueries(index, body);
  }

  void add_group_key(int index, const json& key, const std::vector<std::string>& output_names) {
    auto [type, node] = node_of(key);
    if (type != "ColumnRef") return;
    const json& fields = items_of(*node, "fields");
    if (fields.size() == 1 && fields[0].contains("String") &&
        std::find(output_names.begin(), output_names.end(), fields[0]["String"].value("sval", "")) != output_names.end())
      return;  // GROUP BY an output column's alias
    auto column = resolve(index, *node);
    if (column && !column->table.empty()) scope(index).group_by.push_back(*column);
  }

  // The subqueries of this level not met as an IN, EXISTS or FROM item: in the target list,
  // HAVING, or an expression of WHERE (`x > (SELECT avg(...))`). Each is a scope of its own.
  void add_other_subqueries(int index, const json& body) {
    std::vector<const json*> found;
    for (const auto& [key, value] : body.items()) {
      if (key == "fromClause" || key == "withClause" || key == "larg" || key == "rarg") continue;
      find_subselects(value, found);
    }
    for (const json* select : found)
      if (!added_.count(select)) add_select(*select, index);
  }

  // The SELECTs of the SubLinks under `node`, not looking into a nested SELECT.
  static void find_subselects(const json& node, std::vector<const json*>& found) {
    if (node.is_array()) {
      for (const auto& item : node) find_subselects(item, found);
      return;
    }
    if (!node.is_object()) return;
    for (const auto& [key, value] : node.items()) {
      if (key == "SelectStmt") continue;
      if (key == "SubLink") {
        auto [type, select] = node_of(child(value, "subselect"));
        if (type == "SelectStmt") found.push_back(select);
        find_subselects(child(value, "testexpr"), found);
        continue;
      }
      find_subselects(value, found);
    }
  }

  // A CTE or a system catalog is kept for alias resolution with an empty name: its columns
  // resolve to no table, and no index is proposed on it.
  void add_range_var(int index, const json& range_var) {
    TableRef table;
    table.name = range_var.value("relname", "");
    table.alias = child(range_var, "alias").value("aliasname", table.name);
    std::string schema = range_var.value("schemaname", "");
    bool is_cte = schema.empty() && std::find(ctes_.begin(), ctes_.end(), table.name) != ctes_.end();
    if (is_cte || schema == "pg_catalog" || schema == "information_schema") table.name.clear();
    table.schema = schema == "public" ? "" : schema;
    scope(index).tables.push_back(table);
  }

  void add_from_item(int index, const json& item) {
    auto [type, body] = node_of(item);
    if (type == "RangeVar") add_range_var(index, *body);
    if (type == "RangeSubselect") {
      auto [query_type, query] = node_of(child(*body, "subquery"));
      if (query_type == "SelectStmt") add_select(*query, index);
    }
    if (type == "JoinExpr") {
      add_from_item(index, child(*body, "larg"));
      add_from_item(index, child(*body, "rarg"));
      add_join_conditions(index, child(*body, "quals"));
    }
  }

  void add_join_conditions(int index, const json& expr) {
    auto [type, body] = node_of(expr);
    if (type == "BoolExpr" && body->value("boolop", "") == "AND_EXPR")
      for (const auto& arg : items_of(*body, "args")) add_join_conditions(index, arg);
    if (type == "A_Expr") add_join_equality(index, *body);
  }

  // Records both sides of `a.x = b.y` (two tables); false when `expr` is not such a comparison.
  bool add_join_equality(int index, const json& expr) {
    if (expr.value("kind", "") != "AEXPR_OP" || last_name(items_of(expr, "name")) != "=") return false;
    auto [left_type, left] = node_of(child(expr, "lexpr"));
    auto [right_type, right] = node_of(child(expr, "rexpr"));
    if (left_type != "ColumnRef" || right_type != "ColumnRef") return false;
    auto a = resolve(index, *left), b = resolve(index, *right);
    if (!a || !b || a->table.empty() || b->table.empty() || a->table == b->table) return false;
    auto& joins = scope(index).join_columns;
    for (const auto& column : {*a, *b})
      if (std::find(joins.begin(), joins.end(), column) == joins.end()) joins.push_back(column);
    return true;
  }

  // Resolved among the level's tables, else (a qualified name, or any with the tables' columns
  // known) among an enclosing level's: a correlated reference.
  std::optional<ColumnName> resolve(int index, const json& column_ref) {
    auto column = resolve_column(scope(index).tables, column_ref, columns_);
    if (!column || !column->table.empty()) return column;
    if (items_of(column_ref, "fields").size() < 2 && !columns_) return column;
    for (int outer = scope(index).parent; outer >= 0; outer = scope(outer).parent) {
      auto found = resolve_column(scope(outer).tables, column_ref, columns_);
      if (found && !found->table.empty()) return found;
    }
    return column;
  }

  void add_conjuncts(int index, const json& expr) {
    auto [type, body] = node_of(expr);
    if (type == "BoolExpr" && body->value("boolop", "") == "AND_EXPR") {
      for (const auto& arg : items_of(*body, "args")) add_conjuncts(index, arg);
      return;
    }
    if (type == "BoolExpr" && body->value("boolop", "") == "OR_EXPR") {
      const json& branches = items_of(*body, "args");
      size_t before = scope(index).predicates.size();
      for (const auto& common : common_conjuncts(branches)) add_conjuncts(index, common);
      auto& predicates = scope(index).predicates;
      for (size_t p = before; p < predicates.size(); ++p) predicates[p].written *= static_cast<int>(branches.size());
      return;
    }
    if (type == "BoolExpr" && body->value("boolop", "") == "NOT_EXPR") {
      const json& args = items_of(*body, "args");
      if (args.empty()) return;
      auto [inner_type, inner] = node_of(args[0]);
      if (inner_type == "ColumnRef") add_boolean(index, *inner, false);
      if (inner_type == "SubLink") add_sublink(index, *inner, true);
      return;
    }
    if (type == "ColumnRef") add_boolean(index, *body, true);
    if (type == "SubLink") add_sublink(index, *body, false);
    if (type == "A_Expr") add_comparison(index, *body);
    if (type == "NullTest") add_null_test(index, *body);
  }

  void add_boolean(int index, const json& column_ref, bool value) {
    auto column = resolve(index, column_ref);
    if (!column) return;
    Predicate predicate{*column, PredicateOp::Equal, {value ? "true" : "false"}, true, {-1}};
    scope(index).predicates.push_back(predicate);
  }

  void add_null_test(int index, const json& test) {
    auto [type, arg] = node_of(child(test, "arg"));
    if (type != "ColumnRef") return;
    auto column = resolve(index, *arg);
    if (!column) return;
    bool is_null = test.value("nulltesttype", "") == "IS_NULL";
    scope(index).predicates.push_back({*column, is_null ? PredicateOp::IsNull : PredicateOp::IsNotNull, {}, false, {}});
  }

  void add_sublink(int index, const json& sublink, bool negated) {
    if (sublink.value("subLinkType", "") == "EXISTS_SUBLINK") {
      auto [sub_type, select] = node_of(child(sublink, "subselect"));
      if (sub_type == "SelectStmt") add_select(*select, index);
      return;
    }
    if (sublink.value("subLinkType", "") != "ANY_SUBLINK") return;
    auto [type, test] = node_of(child(sublink, "testexpr"));
    auto [sub_type, select] = node_of(child(sublink, "subselect"));
    if (type != "ColumnRef" || sub_type != "SelectStmt") return;
    auto column = resolve(index, *test);
    int inner = add_select(*select, index);
    if (column) scope(index).subqueries.push_back({*column, negated, inner});
  }

  void add_comparison(int index, const json& expr) {
    if (add_join_equality(index, expr)) return;
    static const std::vector<std::pair<std::string, PredicateOp>> operators = {
        {"=", PredicateOp::Equal}, {"<>", PredicateOp::NotEqual}, {"!=", PredicateOp::NotEqual},
        {"<", PredicateOp::Less}, {"<=", PredicateOp::LessEqual}, {">", PredicateOp::Greater},
        {">=", PredicateOp::GreaterEqual}, {"~~", PredicateOp::Like}};
    std::string kind = expr.value("kind", "");
    std::string name = last_name(items_of(expr, "name"));
    const json& left = child(expr, "lexpr");
    auto column = node_of(left).first == "ColumnRef" ? resolve(index, *node_of(left).second)
                                                     : expression_column(index, left, expr.value("location", -1));
    if (!column) return;
    Predicate predicate{*column, PredicateOp::Equal, {}, false, {}};
    const json& right = child(expr, "rexpr");
    if (kind == "AEXPR_IN" && name == "=") {
      predicate.op = PredicateOp::In;
      for (const auto& item : items_of(child(right, "List"), "items")) {
        add_value(predicate, item);
        // an item add_value skips (now(), a column): the values do not say what is compared
        if (!constant_literal(item)) predicate.computed_value = true;
      }
    } else if (kind == "AEXPR_BETWEEN") {
      predicate.op = PredicateOp::Between;
      for (const auto& item : items_of(child(right, "List"), "items")) add_value(predicate, item);
    } else if (kind == "AEXPR_OP" || kind == "AEXPR_LIKE") {
      auto op = std::find_if(operators.begin(), operators.end(), [&](auto& entry) { return entry.first == name; });
      if (op == operators.end() || !is_constant_expression(right)) return;  // column = column is a join
      predicate.op = op->second;
      predicate.computed_value = !constant_literal(right);
      if (predicate.computed_value) {
        walk_parse_tree(right, [&](const std::string& type, const json& body) {
          if (type == "A_Const" || type == "ParamRef") add_value(predicate, json{{type, body}});
        });
      } else {
        add_value(predicate, right);
      }
    } else {
      return;
    }
    scope(index).predicates.push_back(predicate);
  }

  // No column and no subquery in it: a constant, a parameter, or a function of them.
  static bool is_constant_expression(const json& node) {
    bool constant = !node.empty();
    walk_parse_tree(node, [&](const std::string& type, const json&) {
      if (type == "ColumnRef" || type == "SubLink") constant = false;
    });
    return constant;
  }

  // An expression over the columns of exactly one table (lower("t"."email")), as a column
  // whose name is its SQL text; nullopt for anything else. `end` is where the operator is.
  std::optional<ColumnName> expression_column(int index, const json& node, int end) {
    std::string table;
    bool usable = end > 0;
    walk_parse_tree(node, [&](const std::string& type, const json& body) {
      if (type == "SubLink") usable = false;
      if (type != "ColumnRef") return;
      auto column = resolve(index, body);
      if (!column || column->table.empty() || (!table.empty() && column->table != table)) usable = false;
      if (column) table = column->table;
    });
    if (!usable || table.empty()) return std::nullopt;
    std::string text = expression_text(sql_, node, static_cast<size_t>(end));
    if (text.empty()) return std::nullopt;
    return ColumnName{table, text, true};
  }

  static void add_value(Predicate& predicate, const json& node) {
    if (auto literal = constant_literal(node)) {
      predicate.values.push_back(*literal);
      predicate.value_locations.push_back(constant_location(node));
    }
  }

  void add_sort_key(int index, const json& sort, const std::vector<std::string>& output_names) {
    if (!sort.contains("SortBy")) return;
    const auto& sort_by = sort["SortBy"];
    auto [type, node] = node_of(child(sort_by, "node"));
    if (type != "ColumnRef") return;
    const json& fields = items_of(*node, "fields");
    if (fields.size() == 1 && fields[0].contains("String")) {  // ORDER BY an output column's alias
      std::string name = fields[0]["String"].value("sval", "");
      if (std::find(output_names.begin(), output_names.end(), name) != output_names.end()) return;
    }
    auto column = resolve(index, *node);
    if (!column) return;
    OrderKey key{*column, sort_by.value("sortby_dir", "") == "SORTBY_DESC", false};
    std::string nulls = sort_by.value("sortby_nulls", "SORTBY_NULLS_DEFAULT");
    key.nulls_first = nulls == "SORTBY_NULLS_DEFAULT" ? key.descending : nulls == "SORTBY_NULLS_FIRST";
    scope(index).order_by.push_back(key);
  }

  QueryFacts& facts_;
  const std::string& sql_;
  const TableColumns* columns_;
  std::vector<std::string> ctes_;
  std::set<const json*> added_;  // the SELECT bodies that have a scope
};

}  // namespace

std::string TableRef::qualified_name() const {
  if (name.empty()) return "";
  return schema.empty() ? name : schema + "." + name;
}

bool QueryScope::all_columns_known(const std::string& table) const {
  return std::find(incomplete_tables.begin(), incomplete_tables.end(), table) == incomplete_tables.end();
}

std::vector<std::string> QueryFacts::table_names() const {
  std::vector<std::string> names;
  for (const auto& scope : scopes)
    for (const auto& table : scope.tables) {
      std::string name = table.qualified_name();
      if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  return names;
}

QueryFacts extract_query_facts(const ParsedSql& parsed, const TableColumns* columns) {
  QueryFacts facts;
  facts.kind = classify_statement(parsed).kind;
  if (!parsed.ok() || parsed.statements().size() != 1) return facts;
  const nlohmann::json& statement = child(parsed.statements()[0], "stmt");
  facts.functions = called_functions(statement);
  walk_parse_tree(statement, [&](const std::string& node, const nlohmann::json& fields) {
    if (node == "SelectStmt") {
      facts.any_group_by |= !items_of(fields, "groupClause").empty();
      facts.any_limit |= fields.contains("limitCount");
    }
    if (fields.contains("withClause")) facts.has_with = true;
    if (node == "A_Expr" && fields.value("kind", "") == "AEXPR_IN") facts.any_in_list = true;
  });
  auto [type, body] = node_of(statement);
  ScopeBuilder builder(facts, parsed.sql, columns);
  if (type == "SelectStmt") builder.add_select(*body);
  if (type == "UpdateStmt" || type == "DeleteStmt") builder.add_modify(*body);
  if (type == "UpdateStmt")
    for (const auto& target : items_of(*body, "targetList"))
      facts.updated_columns.push_back(child(target, "ResTarget").value("name", ""));
  if (type == "InsertStmt") {
    facts.scopes.emplace_back();
    builder.add_insert_target(child(*body, "relation"));
  }
  return facts;
}

}  // namespace pgadvisor
