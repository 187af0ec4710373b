#include "plans/pg/relation_catalog.hpp"

#include "plans/pg/unit_list.hpp"

namespace pgadvisor {
namespace {

const char* kRelationQuery = R"SQL(
SELECT w.name, c.relkind,
       coalesce((SELECT string_agg(CASE WHEN u.table_schema = 'public' THEN u.table_name
                                        ELSE u.table_schema || '.' || u.table_name END, E'\x1f')
                   FROM information_schema.view_table_usage u
                  WHERE u.view_schema = n.nspname AND u.view_name = c.relname), ''),
       coalesce((SELECT string_agg(DISTINCT u.column_name, E'\x1f')
                   FROM information_schema.view_column_usage u
                  WHERE u.view_schema = n.nspname AND u.view_name = c.relname), '')
  FROM unnest(string_to_array($1, E'\x1f')) AS w(name)
  JOIN pg_class c ON c.relkind IN ('r', 'p', 'v', 'm', 'f')
  JOIN pg_namespace n ON n.oid = c.relnamespace
   AND ((w.name = c.relname AND pg_table_is_visible(c.oid)) OR w.name = n.nspname || '.' || c.relname)
)SQL";

}  // namespace

std::vector<RelationInfo> read_relations(Transaction& tx, const std::vector<std::string>& names) {
  std::string joined = join_units(names);
  std::vector<RelationInfo> relations;
  if (names.empty()) return relations;
  for (const auto& row : tx.query_in_savepoint(kRelationQuery, {joined})) {
    RelationInfo info;
    info.name = row[0].value_or("");
    info.kind = row[1].value_or("r").empty() ? 'r' : row[1]->front();
    info.base_tables = split_units(row[2].value_or(""));
    info.base_columns = split_units(row[3].value_or(""));
    relations.push_back(std::move(info));
  }
  return relations;
}

bool table_readable(Transaction& tx, const std::string& table) {
  // NULL (not false) when the table is missing: to_regclass gives NULL and so does the privilege test.
  Rows readable = tx.query("SELECT coalesce(has_table_privilege(to_regclass($1), 'SELECT'), false)", {table});
  return !readable.empty() && !readable[0].empty() && readable[0][0].value_or("f") == "t";
}

}  // namespace pgadvisor
