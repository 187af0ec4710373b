// Constraints that keep an index alive whatever the workload does: the foreign keys of a table
// (the referencing side; PostgreSQL looks them up on every DELETE/UPDATE of the referenced
// table) and the indexes backing exclusion constraints. Tables are named "table" (found through
// search_path) or "schema.table", unquoted. Both readers throw DatabaseError when the catalog
// cannot be read.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "plans/pg/session.hpp"

namespace pgadvisor {

struct ForeignKey {
  std::string name;                  // the constraint's name
  std::string table;                 // the referencing table, as it was named in the request
  std::vector<std::string> columns;  // referencing columns in constraint order (bare names)
  std::string referenced_table;      // "table" when visible through search_path, else "schema.table"
};

// The foreign keys whose referencing side is one of `tables`, by table then constraint name.
std::vector<ForeignKey> read_foreign_keys(Transaction& tx, const std::vector<std::string>& tables);

// The names of the indexes backing an exclusion constraint on one of `tables`.
std::set<std::string> read_exclusion_indexes(Transaction& tx, const std::vector<std::string>& tables);

}  // namespace pgadvisor
