// IndexDefinition: an index as a column list with directions, a partial predicate and INCLUDE
// columns — shared by the indexes read from the catalog and the advisor's candidates.
// read_existing_indexes() reads the valid indexes of the named tables from pg_index; it throws
// DatabaseError when the catalog cannot be read.
#pragma once

#include <string>
#include <vector>

#include "plans/pg/session.hpp"

namespace pgadvisor {

struct IndexColumn {
  std::string name;  // a column name, or an expression as pg_get_indexdef prints it
  bool descending = false;
  bool nulls_flipped = false;  // NULLS LAST on a DESC column, NULLS FIRST on an ASC one
  bool operator==(const IndexColumn& other) const {
    return name == other.name && descending == other.descending && nulls_flipped == other.nulls_flipped;
  }
};

struct IndexDefinition {
  std::string schema;                // empty: the table is found through search_path (public)
  std::string table;
  std::vector<IndexColumn> columns;
  std::string where;                 // partial index predicate, empty when none
  std::vector<std::string> include;  // INCLUDE columns

  // "schema.table" (unquoted) when a schema is set, else "table": the form
  // QueryFacts::table_names() gives, used to match indexes with templates.
  std::string qualified_table() const { return schema.empty() ? table : schema + "." + table; }
};

struct ExistingIndex {
  std::string name;
  IndexDefinition definition;
  std::string method;  // btree, hash, gin, ...
  bool unique = false;
  bool primary = false;
  long long size_bytes = 0;
};

std::vector<ExistingIndex> read_existing_indexes(Transaction& tx, const std::vector<std::string>& tables);

}  // namespace pgadvisor
