#include "advisor/findings/plan_findings_fixes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "advisor/rewrites/django_lookup_values.hpp"
#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor::plan_fixes {
namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

// `word` appears in `text` as a whole identifier (not inside a longer name).
bool contains_word(const std::string& text, const std::string& word) {
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    bool before = at == 0 || !identifier_char(text[at - 1]);
    bool after = at + word.size() >= text.size() || !identifier_char(text[at + word.size()]);
    if (before && after) return true;
  }
  return false;
}

// The last component of a qualified table name ("app.orders" → "orders").
std::string bare_name(const std::string& table) {
  size_t dot = table.rfind('.');
  return dot == std::string::npos ? table : table.substr(dot + 1);
}

// A sort key as EXPLAIN prints it, read back: column (unqualified, unquoted), direction, nulls.
struct SortKey {
  std::string column;
  bool descending = false;
  bool nulls_first = false;
};

SortKey read_sort_key(std::string text) {
  SortKey key;
  std::optional<bool> nulls;
  if (ends_with(text, " NULLS FIRST")) nulls = true, text.resize(text.size() - 12);
  else if (ends_with(text, " NULLS LAST")) nulls = false, text.resize(text.size() - 11);
  if (ends_with(text, " DESC")) key.descending = true, text.resize(text.size() - 5);
  else if (ends_with(text, " ASC")) text.resize(text.size() - 4);
  key.nulls_first = nulls.value_or(key.descending);
  if (!text.empty() && text[0] != '(') {
    size_t dot = text.rfind('.');
    if (dot != std::string::npos) text = text.substr(dot + 1);
    text.erase(std::remove(text.begin(), text.end(), '"'), text.end());
  }
  key.column = text;
  return key;
}

std::string index_name(const std::string& relation, const std::vector<std::string>& columns, size_t max_length) {
  std::string name = relation;
  for (const auto& column : columns) name += "_" + column;
  std::string suffix = max_length <= 30 ? "_idx" : "_stats";
  if (name.size() + suffix.size() > max_length) name.resize(max_length - suffix.size());
  return name + suffix;
}

}  // namespace

std::string node_label(const PlanNode& node) {
  std::string label = node.node_type;
  if (!node.index_name.empty()) label += " using " + node.index_name;
  if (!node.relation.empty()) label += " on " + node.relation;
  return label;
}

std::string comma_list(const std::vector<std::string>& parts) {
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : ", ") + part;
  return text;
}

long long work_mem_mb_above(double kb) {
  long long mb = 1;
  while (static_cast<double>(mb) * 1024 <= kb) mb *= 2;
  return mb;
}

std::string table_sql(const QueryFacts& facts, const std::string& relation) {
  for (const auto& scope : facts.scopes)
    for (const auto& table : scope.tables)
      if (table.name == relation && !table.schema.empty())
        return quote_identifier(table.schema) + "." + quote_identifier(table.name);
  return quote_identifier(relation);
}

std::vector<std::string> subtree_relations(const PlanNode& node) {
  std::vector<std::string> relations;
  if (!node.relation.empty()) relations.push_back(node.relation);
  for (const auto& child : node.children)
    for (const auto& relation : subtree_relations(child))
      if (std::find(relations.begin(), relations.end(), relation) == relations.end()) relations.push_back(relation);
  return relations;
}

Fix work_mem_fix(long long mb) {
  Fix fix;
  fix.sql = fmt::format(
      "SET work_mem = '{0}MB';  -- for the session that runs this query\n"
      "-- or for every session of the application's role: ALTER ROLE CURRENT_USER SET work_mem = '{0}MB';",
      mb);
  fix.django = fmt::format(
      "# settings.py, for every connection:\n"
      "#   DATABASES[\"default\"][\"OPTIONS\"] = {{\"options\": \"-c work_mem={0}MB\"}}\n"
      "# or only around this query:\n"
      "with transaction.atomic():\n"
      "    connection.cursor().execute(\"SET LOCAL work_mem = '{0}MB'\")\n"
      "    ...  # the query",
      mb);
  return fix;
}

Fix order_index_fix(const PlanNode& sort, const QueryFacts& facts) {
  if (facts.scopes.empty() || sort.sort_key.empty()) return {};
  const auto& order_by = facts.scopes[0].order_by;
  if (order_by.size() != sort.sort_key.size()) return {};
  std::string table = order_by[0].column.table;
  std::vector<std::string> relations = subtree_relations(sort);
  if (table.empty() || relations.size() != 1 || relations[0] != bare_name(table)) return {};
  std::vector<std::string> sql_columns, django_fields, names;
  for (size_t i = 0; i < order_by.size(); ++i) {
    const OrderKey& wanted = order_by[i];
    SortKey key = read_sort_key(sort.sort_key[i]);
    if (wanted.column.expression || wanted.column.table != table || key.column != wanted.column.column ||
        key.descending != wanted.descending || key.nulls_first != wanted.nulls_first)
      return {};
    std::string column = quote_identifier(key.column) + (key.descending ? " DESC" : "");
    if (key.nulls_first != key.descending) column += key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
    sql_columns.push_back(column);
    django_fields.push_back(python_string((key.descending ? "-" : "") + key.column));
    names.push_back(key.column);
  }
  Fix fix;
  fix.sql = fmt::format("CREATE INDEX CONCURRENTLY ON {} ({});", table_sql(facts, relations[0]),
                        comma_list(sql_columns));
  fix.django = fmt::format("class Meta:\n    indexes = [models.Index(fields=[{}], name={})]",
                           comma_list(django_fields), python_string(index_name(relations[0], names, 30)));
  return fix;
}

std::vector<std::string> filter_columns(const PlanNode& node, const QueryFacts& facts) {
  std::vector<std::string> columns;
  std::string tested = node.filter + " " + node.index_cond;
  for (const auto& scope : facts.scopes)
    for (const auto& predicate : scope.predicates) {
      const ColumnName& column = predicate.column;
      if (column.expression || bare_name(column.table) != node.relation) continue;
      if (!contains_word(tested, column.column)) continue;
      if (std::find(columns.begin(), columns.end(), column.column) == columns.end()) columns.push_back(column.column);
    }
  return columns;
}

Fix statistics_fix(const QueryFacts& facts, const std::vector<std::string>& relations,
                   const std::vector<std::string>& columns) {
  std::string sql, reverse;
  if (!relations.empty() && columns.size() >= 2) {
    std::vector<std::string> quoted;
    for (const auto& column : columns) quoted.push_back(quote_identifier(column));
    std::string name = quote_identifier(index_name(relations[0], columns, 63));
    sql = fmt::format("CREATE STATISTICS {} (dependencies, mcv) ON {} FROM {};\n", name, comma_list(quoted),
                      table_sql(facts, relations[0]));
    reverse = fmt::format("DROP STATISTICS IF EXISTS {};", name);
  }
  for (const auto& relation : relations) sql += "ANALYZE " + table_sql(facts, relation) + ";\n";
  if (!sql.empty()) sql.pop_back();
  return {sql, run_sql_migration(sql, reverse)};
}

std::string join_column(const QueryFacts& facts, const std::string& relation) {
  for (const auto& scope : facts.scopes)
    for (const auto& column : scope.join_columns)
      if (!column.expression && bare_name(column.table) == relation) return column.column;
  return "";
}

Fix column_index_fix(const QueryFacts& facts, const std::string& relation, const std::string& column) {
  Fix fix;
  fix.sql = fmt::format("CREATE INDEX CONCURRENTLY ON {} ({});", table_sql(facts, relation), quote_identifier(column));
  fix.django = fmt::format("class Meta:  # of the model of {}\n    indexes = [models.Index(fields=[{}], name={})]",
                           relation, python_string(column), python_string(index_name(relation, {column}, 30)));
  return fix;
}

Fix unbounded_fix(const QueryFacts& facts) {
  std::string key = "id";
  if (!facts.scopes.empty() && !facts.scopes[0].order_by.empty() && !facts.scopes[0].order_by[0].column.expression)
    key = facts.scopes[0].order_by[0].column.column;
  Fix fix;
  fix.sql = fmt::format(
      "-- read a page at a time (keyset pagination) instead of every row:\n"
      "-- ... WHERE {0} > $last_{0} ORDER BY {0} LIMIT 1000",
      quote_identifier(key));
  fix.django =
      "for obj in queryset.iterator(chunk_size=2000):  # streams the rows instead of loading them all\n"
      "    ...\n"
      "# or a page at a time: Paginator(queryset.order_by(\"pk\"), 100).page(number)";
  return fix;
}

std::string run_sql_migration(const std::string& sql, const std::string& reverse_sql) {
  return fmt::format(
      "# a migration (manage.py makemigrations --empty <app>):\n"
      "operations = [\n"
      "    migrations.RunSQL(\n"
      "        {},\n"
      "        reverse_sql={},\n"
      "    ),\n"
      "]",
      python_string(sql), reverse_sql.empty() ? "migrations.RunSQL.noop" : python_string(reverse_sql));
}

}  // namespace pgadvisor::plan_fixes
