// IndexDefinition: an index as a column list (columns or expressions) with directions, a partial
// predicate and INCLUDE columns — shared by the indexes read from the catalog and the advisor's
// candidates. read_existing_indexes() reads the valid indexes of the named tables ("table" found
// through search_path, or "schema.table") from pg_index; it throws DatabaseError when the
// catalog cannot be read.
#pragma once

#include <string>
#include <vector>

#include "plans/pg/session.hpp"

namespace pgadvisor {

struct IndexColumn {
  std::string name;  // a column name, or an expression's SQL (lower(email), upper((email)::text))
  bool descending = false;
  bool nulls_flipped = false;  // NULLS LAST on a DESC column, NULLS FIRST on an ASC one
  bool expression = false;     // `name` is an expression: written in parentheses, never quoted
  bool operator==(const IndexColumn& other) const {
    return name == other.name && descending == other.descending && nulls_flipped == other.nulls_flipped &&
           expression == other.expression;
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
