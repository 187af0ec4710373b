#include "plans/sql/statement_objects.hpp"

#include <algorithm>

#include "plans/sql/parse_tree_access.hpp"
#include "plans/sql/parse_tree_walk.hpp"

namespace pgadvisor {
namespace {

// Operators a statement can use without writing them: ORDER BY, GROUP BY, DISTINCT, joins with
// USING, IN, BETWEEN, CASE x WHEN and LIKE resolve to these by name.
const char* const kImpliedOperators[] = {"=", "<>", "<", ">", "<=", ">=", "~~", "~~*", "!~~", "!~~*"};

void add_unique(std::vector<QualifiedName>& names, QualifiedName name) {
  if (name.name.empty()) return;
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
}

// A libpg_query name list ([{"String": {"sval": ...}}, ...]): the last part and the one before it.
QualifiedName name_from_list(const nlohmann::json& names) {
  QualifiedName out;
  if (!names.is_array() || names.empty()) return out;
  out.name = last_name(names);
  if (names.size() >= 2) out.schema = child(names[names.size() - 2], "String").value("sval", "");
  return out;
}

QualifiedName name_from_range_var(const nlohmann::json& range) {
  return {range.value("schemaname", ""), range.value("relname", "")};
}

WriteAction write_action(const std::string& node) {
  if (node == "InsertStmt") return WriteAction::Insert;
  if (node == "UpdateStmt") return WriteAction::Update;
  if (node == "DeleteStmt") return WriteAction::Delete;
  return WriteAction::Merge;
}

}  // namespace

StatementObjects statement_objects(const nlohmann::json& tree) {
  StatementObjects objects;
  for (const char* op : kImpliedOperators) add_unique(objects.operators, {"", op});
  walk_parse_tree(tree, [&](const std::string& node, const nlohmann::json& body) {
    if (node == "FuncCall") {
      add_unique(objects.functions, name_from_list(items_of(body, "funcname")));
    } else if (node == "ColumnRef" || node == "A_Indirection") {
      // attribute notation: a.f is f(a) when a has no column f; only a qualified name can be one
      const nlohmann::json& fields = items_of(body, node == "ColumnRef" ? "fields" : "indirection");
      if (fields.size() >= (node == "ColumnRef" ? 2u : 1u))
        add_unique(objects.functions, {"", child(fields.back(), "String").value("sval", "")});
    } else if (node == "A_Expr") {
      add_unique(objects.operators, name_from_list(items_of(body, "name")));
    } else if (node == "SubLink") {
      add_unique(objects.operators, name_from_list(items_of(body, "operName")));
    } else if (node == "TypeCast") {
      add_unique(objects.cast_types, name_from_list(items_of(child(body, "typeName"), "names")));
    } else if (node == "RangeVar") {
      add_unique(objects.relations, name_from_range_var(body));
    } else if (node == "SetToDefault") {
      objects.sets_default = true;
    } else if (node == "InsertStmt" || node == "UpdateStmt" || node == "DeleteStmt" || node == "MergeStmt") {
      QualifiedName target = name_from_range_var(child(body, "relation"));
      // INSERT ... ON CONFLICT DO UPDATE may update as well: counted as a MERGE
      WriteAction action = body.contains("onConflictClause") ? WriteAction::Merge : write_action(node);
      if (!target.name.empty()) objects.written.push_back({std::move(target), action});
    }
  });
  return objects;
}

}  // namespace pgadvisor
