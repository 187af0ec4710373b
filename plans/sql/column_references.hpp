// Column references of one SELECT level (or UPDATE / DELETE body): resolving a ColumnRef to its
// table through the level's FROM list, and collecting every column the level reads into
// QueryScope::referenced, with the tables that are read whole or through an unresolved column
// in QueryScope::incomplete_tables. Subqueries in FROM make unqualified references unresolvable;
// a subquery in an expression contributes only its qualified references to this level's tables.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "plans/sql/query_facts.hpp"

namespace pgadvisor {

// The column named by a ColumnRef body, its table resolved among `tables` (empty table when
// unresolved or a CTE's); nullopt for a star. An unqualified name resolves to the one table of
// `tables` that `columns` says has it; without `columns` (or for a table they do not list), only
// when `tables` holds one table.
std::optional<ColumnName> resolve_column(const std::vector<TableRef>& tables, const nlohmann::json& column_ref,
                                         const TableColumns* columns = nullptr);

// Fills scope.referenced and scope.incomplete_tables from the statement body `body` (a
// SelectStmt, UpdateStmt or DeleteStmt); `output_names` are the target list's aliases, which
// ORDER BY and GROUP BY may name.
void collect_referenced_columns(const nlohmann::json& body, const std::vector<std::string>& output_names,
                                QueryScope& scope, const TableColumns* columns = nullptr);

}  // namespace pgadvisor
