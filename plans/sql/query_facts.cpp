#include "plans/sql/query_facts.hpp"

#include <algorithm>
#include <charconv>

#include "plans/sql/parse_tree_walk.hpp"
#include "plans/sql/sql_constant.hpp"

namespace pgadvisor {

using nlohmann::json;

namespace {

// The member `key` of `object`, or an empty object: never a temporary, never undefined.
const json& child(const json& object, const char* key) {
  static const json empty = json::object();
  if (!object.is_object()) return empty;
  auto found = object.find(key);
  return found == object.end() ? empty : *found;
}

const json& items_of(const json& object, const char* key) {
  static const json empty = json::array();
  const json& found = child(object, key);
  return found.is_array() ? found : empty;
}

// The single node of a {"Type": {...}} object: its type name and body.
std::pair<std::string, const json*> node_of(const json& wrapper) {
  if (!wrapper.is_object() || wrapper.empty()) return {"", nullptr};
  return {wrapper.begin().key(), &wrapper.begin().value()};
}

class ScopeBuilder {
 public:
  explicit ScopeBuilder(QueryFacts& facts) : facts_(facts) {}

  // Adds a scope for a SELECT body (or the body of UPDATE / DELETE) and returns its index.
  int add_select(const json& select) {
    const json& ctes = items_of(child(select, "withClause"), "ctes");
    for (const auto& cte : ctes) ctes_.push_back(child(cte, "CommonTableExpr").value("ctename", ""));
    int index = new_scope();
    for (const auto& item : items_of(select, "fromClause")) add_from_item(index, item);
    finish_scope(index, select);
    for (const auto& cte : ctes) {  // each CTE's own query is a scope after this one
      auto [type, query] = node_of(child(child(cte, "CommonTableExpr"), "ctequery"));
      if (type == "SelectStmt") add_select(*query);
    }
    return index;
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
  int new_scope() {
    facts_.scopes.emplace_back();
    return static_cast<int>(facts_.scopes.size()) - 1;
  }
  QueryScope& scope(int index) { return facts_.scopes[static_cast<size_t>(index)]; }

  void finish_scope(int index, const json& body) {
    if (body.contains("whereClause")) add_conjuncts(index, body["whereClause"]);
    std::vector<std::string> output_names;
    for (const auto& target : items_of(body, "targetList"))
      if (target.contains("ResTarget")) output_names.push_back(target["ResTarget"].value("name", ""));
    for (const auto& sort : items_of(body, "sortClause")) add_sort_key(index, sort, output_names);
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
    }
  }

  // A CTE, or a table outside the default schema, is kept for alias resolution with an empty
  // name: its columns resolve to no table, and no index is proposed on it.
  void add_range_var(int index, const json& range_var) {
    TableRef table;
    table.name = range_var.value("relname", "");
    table.alias = range_var.contains("alias") ? range_var["alias"].value("aliasname", table.name) : table.name;
    std::string schema = range_var.value("schemaname", "");
    bool is_cte = schema.empty() && std::find(ctes_.begin(), ctes_.end(), table.name) != ctes_.end();
    if (is_cte || !(schema.empty() || schema == "public")) table.name.clear();
    scope(index).tables.push_back(table);
  }

  void add_from_item(int index, const json& item) {
    auto [type, body] = node_of(item);
    if (type == "RangeVar") add_range_var(index, *body);
    if (type == "JoinExpr") {
      add_from_item(index, child(*body, "larg"));
      add_from_item(index, child(*body, "rarg"));
    }
  }

  std::optional<ColumnName> resolve(int index, const json& column_ref) {
    std::vector<std::string> parts;
    for (const auto& field : items_of(column_ref, "fields")) {
      if (!field.contains("String")) return std::nullopt;  // a star
      parts.push_back(field["String"].value("sval", ""));
    }
    if (parts.empty()) return std::nullopt;
    ColumnName column;
    column.column = parts.back();
    const auto& tables = scope(index).tables;
    if (parts.size() == 1) {
      if (tables.size() == 1) column.table = tables[0].name;
      return column;
    }
    const std::string& qualifier = parts[parts.size() - 2];
    for (const auto& table : tables)
      if (table.alias == qualifier || table.name == qualifier) column.table = table.name;
    return column;
  }

  void add_conjuncts(int index, const json& expr) {
    auto [type, body] = node_of(expr);
    if (type == "BoolExpr" && body->value("boolop", "") == "AND_EXPR") {
      for (const auto& arg : items_of(*body, "args")) add_conjuncts(index, arg);
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
    if (sublink.value("subLinkType", "") != "ANY_SUBLINK") return;
    auto [type, test] = node_of(child(sublink, "testexpr"));
    auto [sub_type, select] = node_of(child(sublink, "subselect"));
    if (type != "ColumnRef" || sub_type != "SelectStmt") return;
    auto column = resolve(index, *test);
    int inner = add_select(*select);
    if (column) scope(index).subqueries.push_back({*column, negated, inner});
  }

  void add_comparison(int index, const json& expr) {
    static const std::vector<std::pair<std::string, PredicateOp>> operators = {
        {"=", PredicateOp::Equal}, {"<>", PredicateOp::NotEqual}, {"!=", PredicateOp::NotEqual},
        {"<", PredicateOp::Less}, {"<=", PredicateOp::LessEqual}, {">", PredicateOp::Greater},
        {">=", PredicateOp::GreaterEqual}, {"~~", PredicateOp::Like}};
    std::string kind = expr.value("kind", "");
    std::string name = last_name(items_of(expr, "name"));
    auto [left_type, left] = node_of(child(expr, "lexpr"));
    if (left_type != "ColumnRef") return;  // expressions on the left: a later issue's expression indexes
    auto column = resolve(index, *left);
    if (!column) return;
    Predicate predicate{*column, PredicateOp::Equal, {}, false, {}};
    const json& right = child(expr, "rexpr");
    if (kind == "AEXPR_IN" && name == "=") {
      predicate.op = PredicateOp::In;
      for (const auto& item : items_of(child(right, "List"), "items")) add_value(predicate, item);
    } else if (kind == "AEXPR_BETWEEN") {
      predicate.op = PredicateOp::Between;
      for (const auto& item : items_of(child(right, "List"), "items")) add_value(predicate, item);
    } else if (kind == "AEXPR_OP" || kind == "AEXPR_LIKE") {
      auto op = std::find_if(operators.begin(), operators.end(), [&](auto& entry) { return entry.first == name; });
      if (op == operators.end() || !constant_literal(right)) return;  // column = column is a join
      predicate.op = op->second;
      add_value(predicate, right);
    } else {
      return;
    }
    scope(index).predicates.push_back(predicate);
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
  std::vector<std::string> ctes_;
};

}  // namespace

bool Predicate::is_equality() const {
  return op == PredicateOp::Equal || op == PredicateOp::In || op == PredicateOp::IsNull;
}

bool Predicate::is_range() const {
  return op == PredicateOp::Less || op == PredicateOp::LessEqual || op == PredicateOp::Greater ||
         op == PredicateOp::GreaterEqual || op == PredicateOp::Between || op == PredicateOp::Like;
}

std::string Predicate::to_sql() const {
  std::string name = quote_identifier(column.column);
  if (boolean_column) return values.at(0) == "true" ? name : "NOT " + name;
  auto joined = [&](const char* separator) {
    std::string text;
    for (size_t i = 0; i < values.size(); ++i) text += (i ? separator : "") + values[i];
    return text;
  };
  switch (op) {
    case PredicateOp::Equal: return name + " = " + joined("");
    case PredicateOp::NotEqual: return name + " <> " + joined("");
    case PredicateOp::Less: return name + " < " + joined("");
    case PredicateOp::LessEqual: return name + " <= " + joined("");
    case PredicateOp::Greater: return name + " > " + joined("");
    case PredicateOp::GreaterEqual: return name + " >= " + joined("");
    case PredicateOp::Between: return name + " BETWEEN " + joined(" AND ");
    case PredicateOp::In: return name + " IN (" + joined(", ") + ")";
    case PredicateOp::Like: return name + " LIKE " + joined("");
    case PredicateOp::IsNull: return name + " IS NULL";
    case PredicateOp::IsNotNull: return name + " IS NOT NULL";
  }
  return name;
}

std::vector<std::string> QueryFacts::table_names() const {
  std::vector<std::string> names;
  for (const auto& scope : scopes)
    for (const auto& table : scope.tables)
      if (!table.name.empty() && std::find(names.begin(), names.end(), table.name) == names.end())
        names.push_back(table.name);
  return names;
}

QueryFacts extract_query_facts(const ParsedSql& parsed) {
  QueryFacts facts;
  facts.kind = classify_statement(parsed).kind;
  if (!parsed.ok() || parsed.statements().size() != 1) return facts;
  auto [type, body] = node_of(child(parsed.statements()[0], "stmt"));
  ScopeBuilder builder(facts);
  if (type == "SelectStmt") builder.add_select(*body);
  if (type == "UpdateStmt" || type == "DeleteStmt") builder.add_modify(*body);
  if (type == "InsertStmt") {
    facts.scopes.emplace_back();
    facts.scopes[0].tables.push_back({child(*body, "relation").value("relname", ""), ""});
  }
  return facts;
}

}  // namespace pgadvisor
