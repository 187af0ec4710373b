#include "plans/pg/index_catalog.hpp"

#include "plans/pg/unit_list.hpp"

namespace pgadvisor {
namespace {

const char* kIndexQuery = R"SQL(
SELECT n.nspname, t.relname, ic.relname, am.amname, x.indisunique, x.indisprimary,
       coalesce(pg_get_expr(x.indpred, x.indrelid, true), ''),
       pg_relation_size(x.indexrelid),
       (SELECT string_agg(pg_get_indexdef(x.indexrelid, k, true), E'\x1f' ORDER BY k)
          FROM generate_series(1, x.indnkeyatts) AS k),
       (SELECT string_agg(CASE WHEN x.indoption[k - 1] & 1 = 1 THEN 'd' ELSE 'a' END ||
                          CASE WHEN x.indoption[k - 1] & 2 = 2 THEN 'f' ELSE 'l' END, '' ORDER BY k)
          FROM generate_series(1, x.indnkeyatts) AS k),
       coalesce((SELECT string_agg(pg_get_indexdef(x.indexrelid, k, true), E'\x1f' ORDER BY k)
          FROM generate_series(x.indnkeyatts + 1, x.indnatts) AS k), ''),
       (SELECT string_agg(CASE WHEN x.indkey[k - 1] = 0 THEN 'e' ELSE 'c' END, '' ORDER BY k)
          FROM generate_series(1, x.indnkeyatts) AS k),
       w.visible
  FROM pg_index x
  JOIN pg_class t ON t.oid = x.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_class ic ON ic.oid = x.indexrelid
  JOIN pg_am am ON am.oid = ic.relam
  JOIN LATERAL (SELECT bool_or(wanted = t.relname) AS visible
                  FROM unnest(string_to_array($1, E'\x1f')) AS wanted
                 WHERE (wanted = t.relname AND pg_table_is_visible(t.oid))
                    OR wanted = n.nspname || '.' || t.relname) AS w ON w.visible IS NOT NULL
 WHERE x.indisvalid  -- an index left invalid by a failed CREATE INDEX CONCURRENTLY serves nothing
 ORDER BY n.nspname, t.relname, ic.relname
)SQL";

}  // namespace

std::vector<ExistingIndex> read_existing_indexes(Transaction& tx, const std::vector<std::string>& tables) {
  std::string names = join_units(tables);
  std::vector<ExistingIndex> indexes;
  for (const auto& row : tx.query(kIndexQuery, {names})) {
    ExistingIndex index;
    // A table asked for by its bare name keeps no schema, as QueryFacts names it.
    bool by_bare_name = row[12].value_or("f") == "t";
    index.definition.schema = by_bare_name ? "" : row[0].value_or("");
    index.definition.table = row[1].value_or("");
    index.name = row[2].value_or("");
    index.method = row[3].value_or("");
    index.unique = row[4].value_or("f") == "t";
    index.primary = row[5].value_or("f") == "t";
    index.definition.where = row[6].value_or("");
    index.size_bytes = std::stoll(row[7].value_or("0"));
    auto columns = split_units(row[8].value_or(""));
    std::string directions = row[9].value_or("");
    std::string kinds = row[11].value_or("");
    for (size_t i = 0; i < columns.size() && 2 * i + 1 < directions.size(); ++i) {
      bool descending = directions[2 * i] == 'd';
      bool nulls_first = directions[2 * i + 1] == 'f';
      bool expression = i < kinds.size() && kinds[i] == 'e';
      index.definition.columns.push_back({columns[i], descending, nulls_first != descending, expression});
    }
    index.definition.include = split_units(row[10].value_or(""));
    indexes.push_back(std::move(index));
  }
  return indexes;
}

}  // namespace pgadvisor
