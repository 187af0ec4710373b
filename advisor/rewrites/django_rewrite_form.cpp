#include "advisor/rewrites/django_rewrite_form.hpp"

#include <map>
#include <set>
#include <utility>

#include "advisor/rewrites/django_lookup_values.hpp"
#include "plans/sql/parse_tree_access.hpp"
#include "plans/sql/parse_tree_walk.hpp"
#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {

using nlohmann::json;

namespace {

// SelectStmt members a plain filter().values_list() cannot express, as SQL readers know them.
const std::map<std::string, std::string> kClauseNames = {
    {"distinctClause", "DISTINCT"}, {"groupClause", "GROUP BY"},   {"havingClause", "HAVING"},
    {"sortClause", "ORDER BY"},     {"limitCount", "LIMIT"},       {"limitOffset", "OFFSET"},
    {"withClause", "WITH"},         {"windowClause", "WINDOW"},    {"lockingClause", "FOR UPDATE"},
    {"valuesLists", "VALUES"},      {"intoClause", "INTO"},        {"groupDistinct", "GROUP BY DISTINCT"}};

const std::map<std::string, std::string> kComparisonSuffixes = {
    {"=", ""}, {"<", "__lt"}, {"<=", "__lte"}, {">", "__gt"}, {">=", "__gte"}};

// The column under a cast to text or varchar (Django writes U0."title"::text LIKE ...).
const json& without_text_cast(const json& node) {
  auto [type, cast] = node_of(node);
  if (type != "TypeCast") return node;
  std::string target = last_name(items_of(child(*cast, "typeName"), "names"));
  return target == "text" || target == "varchar" ? child(*cast, "arg") : node;
}

struct Lookup {
  std::string key;    // "user__status"
  std::string value;  // a Python expression
};

// Reads the subquery into lookups; every method returns false (with why_not set) on refusal.
class SubqueryReader {
 public:
  explicit SubqueryReader(std::string& why_not) : why_not_(why_not) {}

  std::string base_table;
  std::string output_field;
  std::vector<Lookup> lookups;
  LiteralContext literals;

  bool read(const std::string& sql) {
    literals.sql = sql;
    ParsedSql parsed = parse_sql(sql);
    if (!parsed.ok()) return refuse("the subquery does not parse: " + parsed.error);
    if (parsed.statements().size() != 1) return refuse("the subquery is not one statement");
    auto [type, select] = node_of(child(parsed.statements()[0], "stmt"));
    if (type != "SelectStmt") return refuse("the subquery is not a SELECT");
    for (auto it = select->begin(); it != select->end(); ++it) {
      auto clause = kClauseNames.find(it.key());
      if (clause != kClauseNames.end()) return refuse("the subquery has " + clause->second);
    }
    if (select->value("op", "SETOP_NONE") != "SETOP_NONE") return refuse("the subquery is a set operation");
    const json& from = items_of(*select, "fromClause");
    if (from.empty()) return refuse("the subquery reads no table");
    if (from.size() > 1) return refuse("the subquery reads more than one FROM item (a comma join)");
    if (!add_from_item(from[0])) return false;
    if (!read_output(items_of(*select, "targetList"))) return false;
    return !select->contains("whereClause") || add_condition(select->at("whereClause"));
  }

 private:
  std::string& why_not_;
  std::map<std::string, std::string> path_of_alias_;  // alias -> lookup prefix: "" or "user__"

  bool refuse(const std::string& reason) {
    why_not_ = reason;
    return false;
  }

  bool add_table(const json& range_var, const std::string& path) {
    std::string schema = range_var.value("schemaname", "");
    if (!schema.empty() && schema != "public") return refuse("the subquery reads a table outside public: " + schema);
    std::string name = range_var.value("relname", "");
    std::string alias = child(range_var, "alias").value("aliasname", name);
    if (!path_of_alias_.emplace(alias, path).second) return refuse("the subquery names " + alias + " twice");
    if (path.empty()) base_table = name;
    return true;
  }

  bool add_from_item(const json& item) {
    auto [type, body] = node_of(item);
    if (type == "RangeVar") return add_table(*body, "");
    if (type != "JoinExpr") return refuse("the subquery reads from a " + type + ", not a table");
    if (body->value("jointype", "") != "JOIN_INNER" || body->contains("usingClause") ||
        body->value("isNatural", false) || body->contains("alias"))
      return refuse("the subquery has a join other than INNER JOIN ... ON");
    if (!add_from_item(child(*body, "larg"))) return false;
    auto [right_type, right] = node_of(child(*body, "rarg"));
    if (right_type != "RangeVar") return refuse("the subquery joins a " + right_type + ", not a table");
    return add_foreign_key_join(*right, child(*body, "quals"));
  }

  // `known."fk_id" = joined."id"` (either side first): the joined table is reached by `fk__`.
  bool add_foreign_key_join(const json& joined, const json& quals) {
    std::string alias = child(joined, "alias").value("aliasname", joined.value("relname", ""));
    auto [type, expr] = node_of(quals);
    if (type != "A_Expr" || expr->value("kind", "") != "AEXPR_OP" || last_name(items_of(*expr, "name")) != "=")
      return refuse("the join to " + alias + " is not one equality");
    auto left = qualified_column(child(*expr, "lexpr")), right = qualified_column(child(*expr, "rexpr"));
    if (left.first == alias) std::swap(left, right);
    const std::string& fk = left.second;
    bool along_key = right.first == alias && right.second == "id" && path_of_alias_.count(left.first) > 0 &&
                     fk.size() > 3 && fk.compare(fk.size() - 3, 3, "_id") == 0;
    if (!along_key) return refuse("the join to " + alias + " is not along a foreign key <name>_id = id");
    return add_table(joined, path_of_alias_[left.first] + fk.substr(0, fk.size() - 3) + "__");
  }

  static std::string column_text(const json& column_ref) {
    std::string text;
    for (const auto& field : items_of(child(column_ref, "ColumnRef"), "fields"))
      text += (text.empty() ? "" : ".") + child(field, "String").value("sval", "*");
    return text;
  }

  static std::pair<std::string, std::string> qualified_column(const json& node) {
    const json& fields = items_of(child(node, "ColumnRef"), "fields");
    if (fields.size() != 2) return {};
    return {child(fields[0], "String").value("sval", ""), child(fields[1], "String").value("sval", "")};
  }

  // The lookup path of a column of the subquery ("user__status"); nullopt when it is not one.
  std::optional<std::string> field_of(const json& node) {
    if (node_of(node).first != "ColumnRef") {
      refuse("a condition or the output of the subquery is not a plain column");
      return std::nullopt;
    }
    const json& fields = items_of(child(node, "ColumnRef"), "fields");
    std::string alias, name;
    if (fields.size() == 1 && path_of_alias_.size() == 1) {
      alias = path_of_alias_.begin()->first;
      name = child(fields[0], "String").value("sval", "");
    } else if (fields.size() == 2) {
      std::tie(alias, name) = qualified_column(node);
    }
    auto path = path_of_alias_.find(alias);
    if (path == path_of_alias_.end() || !is_python_identifier(name)) {
      refuse("the column " + (alias.empty() ? name : alias + "." + name) + " is not one of the subquery's tables");
      return std::nullopt;
    }
    return path->second + name;
  }

  bool read_output(const json& targets) {
    if (targets.size() != 1) return refuse("the subquery does not select exactly one column");
    auto field = field_of(child(child(targets[0], "ResTarget"), "val"));
    if (!field) return false;
    output_field = *field;
    return true;
  }

  bool add_condition(const json& node) {
    auto [type, body] = node_of(node);
    std::string boolop = type == "BoolExpr" ? body->value("boolop", "") : "";
    if (boolop == "AND_EXPR") {
      for (const auto& arg : items_of(*body, "args"))
        if (!add_condition(arg)) return false;
      return true;
    }
    if (type == "ColumnRef") return add_lookup(node, "", "True");
    if (boolop == "NOT_EXPR") {
      const json& args = items_of(*body, "args");
      if (args.size() == 1 && node_of(args[0]).first == "ColumnRef") return add_lookup(args[0], "", "False");
    }
    if (type == "NullTest") {
      bool is_null = body->value("nulltesttype", "") == "IS_NULL";
      return add_lookup(child(*body, "arg"), "__isnull", is_null ? "True" : "False");
    }
    if (type == "A_Expr") return add_expression(*body);
    return refuse("a condition of the subquery (" + (boolop.empty() ? type : boolop) + ") has no Django lookup here");
  }

  bool add_expression(const json& expr) {
    std::string kind = expr.value("kind", ""), op = last_name(items_of(expr, "name"));
    const json& right = child(expr, "rexpr");
    if (kind == "AEXPR_OP" && kComparisonSuffixes.count(op) > 0) {
      if (node_of(right).first == "ColumnRef")
        return refuse("a condition compares two columns (" + column_text(right) + "): a join or a correlated subquery");
      auto value = python_literal(right, literals, why_not_);
      if (!value) return false;
      if (*value == "None") return refuse("a comparison with NULL, which Django would read as IS NULL");
      return add_lookup(child(expr, "lexpr"), kComparisonSuffixes.at(op), *value);
    }
    if ((kind == "AEXPR_IN" && op == "=") || kind == "AEXPR_BETWEEN") {
      auto values = python_literals(items_of(child(right, "List"), "items"), literals, why_not_);
      if (!values) return false;
      if (kind == "AEXPR_IN") return add_lookup(child(expr, "lexpr"), "__in", "[" + *values + "]");
      return add_lookup(child(expr, "lexpr"), "__range", "(" + *values + ")");
    }
    if (kind == "AEXPR_LIKE" || kind == "AEXPR_ILIKE") {
      auto lookup = like_lookup(right, kind == "AEXPR_ILIKE", op, why_not_);
      if (!lookup) return false;
      return add_lookup(without_text_cast(child(expr, "lexpr")), lookup->first, lookup->second);
    }
    return refuse("the subquery's condition " + kind + " " + op + " has no Django lookup here");
  }

  bool add_lookup(const json& column, const std::string& suffix, const std::string& value) {
    auto field = field_of(column);
    if (!field) return false;
    lookups.push_back({*field + suffix, value});
    return true;
  }
};

// The outer column's own name: "todos_todo.id" is id; nullopt when it is not a column.
std::optional<std::string> outer_field_name(const std::string& outer_column) {
  ParsedSql parsed = parse_sql("SELECT " + outer_column);
  if (!parsed.ok() || parsed.statements().size() != 1) return std::nullopt;
  const json& targets = items_of(child(child(parsed.statements()[0], "stmt"), "SelectStmt"), "targetList");
  if (targets.size() != 1) return std::nullopt;
  auto [type, column] = node_of(child(child(targets[0], "ResTarget"), "val"));
  if (type != "ColumnRef") return std::nullopt;
  std::string name = last_name(items_of(*column, "fields"));
  return is_python_identifier(name) ? std::optional<std::string>(name) : std::nullopt;
}

// `.filter(a=1, b=2)`, a further `.filter(...)` when a key repeats (Python refuses a repeated
// keyword; on the forward foreign keys read here, chained filters mean the same).
std::string filter_calls(const std::vector<Lookup>& lookups) {
  std::string calls, current;
  std::set<std::string> keys;
  for (const auto& lookup : lookups) {
    if (!keys.insert(lookup.key).second) {
      calls += ".filter(" + current + ")";
      current.clear();
      keys = {lookup.key};
    }
    current += (current.empty() ? "" : ", ") + lookup.key + "=" + lookup.value;
  }
  return current.empty() ? calls : calls + ".filter(" + current + ")";
}

std::string parameter_comment(const std::set<int>& numbers) {
  std::string names, params;
  for (int number : numbers) {
    names += (names.empty() ? "" : ", ") + parameter_name(number);
    params += (params.empty() ? "$" : ", $") + std::to_string(number);
  }
  return "# " + names + ": the value" + (numbers.size() > 1 ? "s" : "") + " of the statement's " + params +
         " (see the log)\n";
}

}  // namespace

std::optional<std::string> django_materialize_form(const std::string& subquery_sql, const std::string& outer_column,
                                                   bool negated, const std::vector<DjangoModel>& models,
                                                   std::string& why_not) {
  why_not.clear();
  auto outer_field = outer_field_name(outer_column);
  if (!outer_field) {
    why_not = "the tested expression " + outer_column + " is not a column";
    return std::nullopt;
  }
  SubqueryReader reader(why_not);
  if (!reader.read(subquery_sql)) return std::nullopt;
  const DjangoModel* model = model_for_table(models, reader.base_table);
  if (model == nullptr) {
    why_not = "no Django model in django_content_type has the table " + reader.base_table;
    return std::nullopt;
  }
  if (!is_python_identifier(model->class_name_guess)) {
    why_not = "the model name " + model->model + " is not a Python name";
    return std::nullopt;
  }
  std::string form = "from django.apps import apps\n";
  form += model->class_name_guess + " = apps.get_model(" + python_string(model->app_label) + ", " +
          python_string(model->model) + ")\n";
  if (!reader.literals.parameters.empty()) form += parameter_comment(reader.literals.parameters);
  form += "ids = list(" + model->class_name_guess + ".objects" + filter_calls(reader.lookups) + ".values_list(" +
          python_string(reader.output_field) + ", flat=True))\n";
  std::string outer_call = std::string(negated ? ".exclude(" : ".filter(") + *outer_field + "__in=ids)";
  form += "# then pass the list where the queryset passed the subquery: " + outer_call + "\n";
  if (negated) form += "# (NOT IN matches no row once the subquery yields a NULL; Django drops None from ids)\n";
  return form;
}

}  // namespace pgadvisor
