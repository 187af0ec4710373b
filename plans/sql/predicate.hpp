// ColumnName and Predicate: a column (or an expression over one table's columns) resolved to
// its table, and one WHERE conjunct comparing it with constants, as QueryFacts records them.
#pragma once

#include <string>
#include <vector>

namespace pgadvisor {

struct ColumnName {
  std::string table;  // the table's qualified_name(); empty when unresolved
  std::string column; // the column, or an expression's SQL over bare column names
  bool expression = false;  // `column` is an expression such as lower(email)
  bool operator==(const ColumnName& other) const {
    return table == other.table && column == other.column && expression == other.expression;
  }
};

enum class PredicateOp { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual, Between, In, Like, IsNull, IsNotNull };

struct Predicate {
  ColumnName column;
  PredicateOp op = PredicateOp::Equal;
  std::vector<std::string> values;  // SQL literals ('x', 5, true, NULL) or parameters ($1)
  bool boolean_column = false;      // written as a bare column (`WHERE published`) or `NOT column`
  std::vector<int> value_locations; // byte offset of each value in the statement, -1 if none
  // The right side computes its value (`= upper($1)`): `values` are the constants in it, so
  // to_sql() does not say what is compared and the predicate never becomes a partial WHERE.
  bool computed_value = false;
  // Times the statement writes it: once, or once per branch when every branch of an OR has it
  // (`(x = 1 AND a = 'p') OR (x = 2 AND a = 'p')` writes `a = 'p'` twice).
  int written = 1;

  bool is_equality() const;  // = , IN (...), IS NULL
  bool is_range() const;     // <, <=, >, >=, BETWEEN, LIKE
  // The predicate as SQL over the bare column name, e.g. `published`, `NOT is_completed`,
  // `status = 'active'`; fit for an index's WHERE clause.
  std::string to_sql() const;
};

}  // namespace pgadvisor
