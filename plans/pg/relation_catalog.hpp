// RelationInfo: what the catalog says of a relation a query reads, for candidate generation: its
// kind (table, partitioned table, view, ...) and, for a view, the base tables it reads and the
// base columns it uses (information_schema.view_table_usage / view_column_usage). Relations are
// named as QueryFacts names them: "table" found through search_path, or "schema.table".
#pragma once

#include <string>
#include <vector>

#include "plans/pg/session.hpp"

namespace pgadvisor {

struct RelationInfo {
  std::string name;  // as asked
  char kind = 'r';   // pg_class.relkind: r table, p partitioned table, v view, m materialized view, ...
  std::vector<std::string> base_tables;   // a view's tables, named as QueryFacts would ("table" in public)
  std::vector<std::string> base_columns;  // the columns of those tables the view uses

  bool is_partitioned() const { return kind == 'p'; }
  bool is_view() const { return kind == 'v'; }
};

// The relations among `names` that exist; throws DatabaseError when the catalog cannot be read.
std::vector<RelationInfo> read_relations(Transaction& tx, const std::vector<std::string>& names);

// True when `table` (found through search_path) exists and the session's role may SELECT it.
bool table_readable(Transaction& tx, const std::string& table);

}  // namespace pgadvisor
