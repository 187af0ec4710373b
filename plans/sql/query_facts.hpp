// QueryFacts: what the index advisor needs to know of a statement, read from its parse tree:
// the tables and their aliases, the WHERE conjuncts that compare a column with a constant, the
// ORDER BY keys with direction, LIMIT, and the IN / NOT IN subqueries; one QueryScope per SELECT
// level. Columns are resolved to their table through the scope's aliases; a column that cannot
// be resolved keeps an empty table. A statement that does not parse gives empty facts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plans/sql/pg_query_api.hpp"
#include "plans/sql/statement_kind.hpp"

namespace pgadvisor {

struct TableRef {
  std::string name;   // relation name as written; empty for a CTE or a table outside "public"
  std::string alias;  // alias, or the name when none
};

struct ColumnName {
  std::string table;  // resolved table name; empty when unresolved
  std::string column;
  bool operator==(const ColumnName& other) const { return table == other.table && column == other.column; }
};

enum class PredicateOp { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual, Between, In, Like, IsNull, IsNotNull };

struct Predicate {
  ColumnName column;
  PredicateOp op = PredicateOp::Equal;
  std::vector<std::string> values;  // SQL literals ('x', 5, true, NULL) or parameters ($1)
  bool boolean_column = false;      // written as a bare column (`WHERE published`) or `NOT column`
  std::vector<int> value_locations; // byte offset of each value in the statement, -1 if none

  bool is_equality() const;  // = , IN (...), IS NULL
  bool is_range() const;     // <, <=, >, >=, BETWEEN, LIKE
  // The predicate as SQL over the bare column name, e.g. `published`, `NOT is_completed`,
  // `status = 'active'`; fit for an index's WHERE clause.
  std::string to_sql() const;
};

struct OrderKey {
  ColumnName column;
  bool descending = false;
  bool nulls_first = false;  // PostgreSQL's default: NULLS FIRST only for DESC
};

struct SubqueryLink {
  ColumnName column;  // the outer column tested with IN
  bool negated = false;
  int scope = 0;      // index in QueryFacts::scopes of the subquery
};

struct QueryScope {
  std::vector<TableRef> tables;
  std::vector<Predicate> predicates;
  std::vector<OrderKey> order_by;
  std::optional<long long> limit;
  std::vector<ColumnName> selected;  // plain columns of the target list
  std::vector<SubqueryLink> subqueries;
};

struct QueryFacts {
  StatementKind kind = StatementKind::Invalid;
  std::vector<QueryScope> scopes;  // [0] is the statement itself

  std::vector<std::string> table_names() const;  // distinct, in order of appearance
};

QueryFacts extract_query_facts(const ParsedSql& parsed);

}  // namespace pgadvisor
