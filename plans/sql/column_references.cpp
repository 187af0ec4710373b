#include "plans/sql/column_references.hpp"

#include <algorithm>

#include "plans/sql/parse_tree_access.hpp"

namespace pgadvisor {

using nlohmann::json;

namespace {

bool names_table(const TableRef& table, const std::string& schema, const std::string& qualifier) {
  if (table.alias != qualifier && table.name != qualifier) return false;
  return schema.empty() || schema == table.schema || (schema == "public" && table.schema.empty());
}

// The qualified name of the table that `qualifier` (optionally `schema`) names; empty if none.
std::string table_named(const std::vector<TableRef>& tables, const std::string& schema, const std::string& qualifier) {
  std::string found;
  for (const auto& table : tables)
    if (names_table(table, schema, qualifier)) found = table.qualified_name();
  return found;
}

// The names of a ColumnRef's fields; nullopt when one is a star.
std::optional<std::vector<std::string>> field_names(const json& column_ref) {
  std::vector<std::string> parts;
  for (const auto& field : items_of(column_ref, "fields")) {
    if (!field.contains("String")) return std::nullopt;
    parts.push_back(field["String"].value("sval", ""));
  }
  return parts;
}

void add_unique(std::vector<std::string>& names, const std::string& name) {
  if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

class ReferenceCollector {
 public:
  ReferenceCollector(QueryScope& scope, const std::vector<std::string>& output_names, const TableColumns* columns)
      : scope_(scope), output_names_(output_names), columns_(columns) {}

  void collect(const json& body) {
    for (const char* key : {"fromClause", "usingClause"})
      for (const auto& item : items_of(body, key)) walk_from_item(item);
    for (const auto& [key, value] : body.items()) {
      if (key == "fromClause" || key == "usingClause" || key == "withClause" || key == "relation") continue;
      bool may_name_outputs = key == "sortClause" || key == "groupClause";
      walk(value, {}, false, may_name_outputs);
    }
  }

 private:
  void mark_all_incomplete() {
    for (const auto& table : scope_.tables) add_unique(scope_.incomplete_tables, table.qualified_name());
  }

  void walk_from_item(const json& item) {
    auto [type, body] = node_of(item);
    if (type == "JoinExpr") {
      walk_from_item(child(*body, "larg"));
      walk_from_item(child(*body, "rarg"));
      walk(child(*body, "quals"), {}, false, false);
    } else if (type != "RangeVar") {
      opaque_from_ = true;  // a subquery or function in FROM: its columns are not ours to know
      mark_all_incomplete();
    }
  }

  static void inner_aliases(const json& from_item, std::vector<std::string>& aliases) {
    auto [type, body] = node_of(from_item);
    if (body == nullptr) return;
    if (type == "JoinExpr") {
      inner_aliases(child(*body, "larg"), aliases);
      inner_aliases(child(*body, "rarg"), aliases);
      return;
    }
    add_unique(aliases, child(*body, "alias").value("aliasname", ""));
    add_unique(aliases, body->value("relname", ""));
  }

  void walk(const json& node, const std::vector<std::string>& inner, bool in_subquery, bool may_name_outputs) {
    if (node.is_array()) {
      for (const auto& item : node) walk(item, inner, in_subquery, may_name_outputs);
      return;
    }
    if (!node.is_object()) return;
    for (const auto& [key, value] : node.items()) {
      if (key == "ColumnRef") {
        add_reference(value, inner, in_subquery, may_name_outputs);
      } else if (key == "SelectStmt") {
        std::vector<std::string> aliases = inner;
        for (const auto& item : items_of(value, "fromClause")) inner_aliases(item, aliases);
        walk(value, aliases, true, false);
      } else {
        walk(value, inner, in_subquery, may_name_outputs);
      }
    }
  }

  void add_reference(const json& column_ref, const std::vector<std::string>& inner, bool in_subquery,
                     bool may_name_outputs) {
    auto parts = field_names(column_ref);
    const json& fields = items_of(column_ref, "fields");
    if (in_subquery) {  // only references to this level's tables count
      if (parts && parts->size() == 1 && columns_) {  // may be a correlated one (a superset is harmless)
        auto column = resolve_column(scope_.tables, column_ref, columns_);
        if (column && !column->table.empty()) add_column(*column);
        return;
      }
      if (!parts || parts->size() < 2) return;
      if (std::find(inner.begin(), inner.end(), (*parts)[parts->size() - 2]) != inner.end()) return;
    }
    if (!parts) {  // * or t.*
      if (in_subquery) return;
      if (fields.size() < 2) return mark_all_incomplete();
      std::string qualifier = child(fields[fields.size() - 2], "String").value("sval", "");
      add_unique(scope_.incomplete_tables, table_named(scope_.tables, "", qualifier));
      return;
    }
    if (parts->size() == 1) {
      const std::string& name = parts->front();
      if (may_name_outputs && std::find(output_names_.begin(), output_names_.end(), name) != output_names_.end()) return;
      for (const auto& table : scope_.tables)  // a whole-row reference by the table's name
        if (table.alias == name || table.name == name) add_unique(scope_.incomplete_tables, table.qualified_name());
      auto column = resolve_column(scope_.tables, column_ref, columns_);
      bool resolved = column && !column->table.empty();
      if (opaque_from_ || (!resolved && !columns_)) return mark_all_incomplete();
      if (resolved) add_column(*column);
      return;  // unresolved with the tables' columns known: an enclosing level's column
    }
    auto column = resolve_column(scope_.tables, column_ref, columns_);
    if (column && !column->table.empty()) add_column(*column);
  }

  void add_column(const ColumnName& column) {
    if (std::find(scope_.referenced.begin(), scope_.referenced.end(), column) == scope_.referenced.end())
      scope_.referenced.push_back(column);
  }

  QueryScope& scope_;
  const std::vector<std::string>& output_names_;
  const TableColumns* columns_;
  bool opaque_from_ = false;
};

}  // namespace

std::optional<ColumnName> resolve_column(const std::vector<TableRef>& tables, const json& column_ref,
                                         const TableColumns* columns) {
  auto parts = field_names(column_ref);
  if (!parts || parts->empty()) return std::nullopt;
  ColumnName column;
  column.column = parts->back();
  if (parts->size() == 1) {
    std::vector<std::string> having;
    bool all_listed = columns != nullptr;
    for (const auto& table : tables) {
      const std::string name = table.qualified_name();
      auto listed = columns ? columns->find(name) : TableColumns::const_iterator{};
      if (!columns || listed == columns->end()) {
        all_listed = false;
        continue;
      }
      if (listed->second.count(column.column) && std::find(having.begin(), having.end(), name) == having.end())
        having.push_back(name);
    }
    if (having.size() == 1)
      column.table = having.front();
    else if (!all_listed && having.empty() && tables.size() == 1)
      column.table = tables[0].qualified_name();
    return column;
  }
  std::string schema = parts->size() >= 3 ? (*parts)[parts->size() - 3] : "";
  column.table = table_named(tables, schema, (*parts)[parts->size() - 2]);
  return column;
}

void collect_referenced_columns(const json& body, const std::vector<std::string>& output_names, QueryScope& scope,
                                const TableColumns* columns) {
  ReferenceCollector(scope, output_names, columns).collect(body);
}

}  // namespace pgadvisor
