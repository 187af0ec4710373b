// The column names of tables, views and materialized views, read from the catalog, for
// resolving a query's unqualified columns (extract_query_facts with TableColumns). Tables are
// named "table" (found through search_path) or "schema.table", unquoted, and keyed as named.
// Throws DatabaseError when the catalog cannot be read; the transaction stays usable (the query
// runs in a savepoint).
#pragma once

#include <string>
#include <vector>

#include "plans/pg/session.hpp"
#include "plans/sql/query_facts.hpp"

namespace pgadvisor {

TableColumns read_table_columns(Transaction& tx, const std::vector<std::string>& tables);

}  // namespace pgadvisor
