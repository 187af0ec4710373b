#include "plans/pg/foreign_keys.hpp"

#include "plans/pg/unit_list.hpp"
#include "plans/pg/wanted_tables.hpp"

namespace pgadvisor {
namespace {

const char* kForeignKeys = R"SQL(
SELECT t.name, c.conname,
       (SELECT string_agg(a.attname, E'\x1f' ORDER BY k.ord)
          FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
       CASE WHEN pg_table_is_visible(r.oid) THEN r.relname ELSE rn.nspname || '.' || r.relname END
  FROM tables t
  JOIN pg_constraint c ON c.conrelid = t.oid AND c.contype = 'f'
  JOIN pg_class r ON r.oid = c.confrelid
  JOIN pg_namespace rn ON rn.oid = r.relnamespace
 ORDER BY t.name, c.conname
)SQL";

const char* kExclusionIndexes = R"SQL(
SELECT DISTINCT i.relname
  FROM tables t
  JOIN pg_constraint c ON c.conrelid = t.oid AND c.contype = 'x'
  JOIN pg_class i ON i.oid = c.conindid
)SQL";

}  // namespace

std::vector<ForeignKey> read_foreign_keys(Transaction& tx, const std::vector<std::string>& tables) {
  std::vector<ForeignKey> keys;
  if (tables.empty()) return keys;
  for (const auto& row : tx.query(std::string(kWantedTablesCte) + kForeignKeys, {join_units(tables)})) {
    ForeignKey key;
    key.table = row[0].value_or("");
    key.name = row[1].value_or("");
    key.columns = split_units(row[2].value_or(""));
    key.referenced_table = row[3].value_or("");
    keys.push_back(std::move(key));
  }
  return keys;
}

std::set<std::string> read_exclusion_indexes(Transaction& tx, const std::vector<std::string>& tables) {
  std::set<std::string> names;
  if (tables.empty()) return names;
  for (const auto& row : tx.query(std::string(kWantedTablesCte) + kExclusionIndexes, {join_units(tables)}))
    names.insert(row[0].value_or(""));
  return names;
}

}  // namespace pgadvisor
