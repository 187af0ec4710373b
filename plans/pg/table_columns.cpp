#include "plans/pg/table_columns.hpp"

#include "plans/pg/unit_list.hpp"
#include "plans/pg/wanted_tables.hpp"

namespace pgadvisor {
namespace {

const char* kColumns = R"SQL(
SELECT t.name, a.attname
  FROM tables t
  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
)SQL";

}  // namespace

TableColumns read_table_columns(Transaction& tx, const std::vector<std::string>& tables) {
  TableColumns columns;
  if (tables.empty()) return columns;
  for (const auto& row : tx.query_in_savepoint(std::string(kWantedTablesCte) + kColumns, {join_units(tables)}))
    columns[row[0].value_or("")].insert(row[1].value_or(""));
  return columns;
}

}  // namespace pgadvisor
