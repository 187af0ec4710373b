// ColumnStats: what pg_stats says of one column (null fraction, distinct values, most common
// values and their frequencies) and the table's row estimate; read_column_stats() reads them for
// a list of (table, column) pairs, tables named as QueryFacts names them ("table" through
// search_path, "schema.table"); a partitioned parent's statistics are its inherited ones.
// predicate_selectivity() estimates the fraction of rows a predicate keeps from them, the way
// the planner does for =, IN, IS [NOT] NULL and boolean columns; -1 when it cannot tell.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "plans/pg/session.hpp"
#include "plans/sql/predicate.hpp"

namespace pgadvisor {

struct ColumnStats {
  double null_fraction = 0;
  double distinct = 0;     // pg_stats.n_distinct: a count, or minus a fraction of the rows
  double table_rows = 0;   // pg_class.reltuples
  std::vector<std::pair<std::string, double>> common_values;  // value as text, frequency
  bool blank_padded = false;  // char(n): values compare without their trailing blanks
};

using ColumnStatsMap = std::map<std::pair<std::string, std::string>, ColumnStats>;  // (table, column)

// Throws DatabaseError when the catalog cannot be read; columns without statistics are absent.
ColumnStatsMap read_column_stats(Transaction& tx, const std::vector<std::pair<std::string, std::string>>& columns);

// The fraction of rows `predicate` keeps, in [0, 1]; -1 when unknown (a range, an expression).
double predicate_selectivity(const Predicate& predicate, const ColumnStats& stats);

}  // namespace pgadvisor
