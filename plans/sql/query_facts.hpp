// QueryFacts: what the index advisor needs to know of a statement, read from its parse tree:
// the tables (with their schema) and aliases, the WHERE conjuncts that compare a column or an
// expression over one table's columns (lower(email)) with a constant, the ORDER BY keys with
// direction, LIMIT, GROUP BY, the calls of the target list, the IN / NOT IN subqueries, every column each level reads (for covering
// indexes) and an UPDATE's SET columns; one QueryScope per SELECT level. Columns are resolved to
// their table through the scope's aliases; a column that cannot be resolved keeps an empty
// table. Tables are named "schema.table" outside public, "table" otherwise (unquoted). A
// statement that does not parse gives empty facts.
//
// Every SELECT level is a scope: the statement, its CTEs, and its subqueries in FROM, IN, EXISTS
// and expressions (a scalar subquery, `x > ALL (...)`), each with its enclosing scope. An
// unqualified column of a level that reads several tables resolves only when the tables' column
// lists are given (TableColumns, from the catalog): then it resolves to the one table of its level
// that has it, else to the one of an enclosing level (a correlated reference), as PostgreSQL does.
// Without them it resolves only when its level reads one table.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "plans/sql/pg_query_api.hpp"
#include "plans/sql/predicate.hpp"
#include "plans/sql/statement_kind.hpp"

namespace pgadvisor {

struct TableRef {
  std::string name;    // relation name as written; empty for a CTE or a system catalog
  std::string alias;   // alias, or the name when none
  std::string schema;  // as written; empty when unqualified or "public"

  std::string qualified_name() const;  // "schema.name" or "name"; empty for a CTE
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
  // The function called by each target-list entry that is a call, lower case, "count(*)" for
  // an aggregate over *: `SELECT COUNT(*), max(id)` gives {"count(*)", "max"}.
  std::vector<std::string> target_calls;
  bool grouped = false;  // GROUP BY
  std::vector<ColumnName> group_by;  // the GROUP BY keys that are plain columns
  int parent = -1;  // the enclosing scope of a subquery; -1 for the statement and its CTEs
  std::vector<SubqueryLink> subqueries;
  // Columns compared with a column of another table (a.x = b.y) in WHERE or JOIN ... ON.
  std::vector<ColumnName> join_columns;
  // Every column this level reads (target list, WHERE, JOIN ... ON, GROUP BY, ORDER BY, and
  // outer references of its subqueries), distinct; and the tables whose list is not complete
  // because they are read whole (*, t.*, a whole-row reference) or a column is unresolved.
  std::vector<ColumnName> referenced;
  std::vector<std::string> incomplete_tables;

  bool all_columns_known(const std::string& table) const;
};

struct QueryFacts {
  StatementKind kind = StatementKind::Invalid;
  std::vector<QueryScope> scopes;  // [0] is the statement itself
  // Anywhere in the statement, at any level (scalar and FROM subqueries and CTEs included,
  // which have no scope above): the functions called (lower case, unqualified), and whether
  // some level has a GROUP BY, a LIMIT, an IN list (`x IN (1, 2)`, not a subquery) or a WITH.
  std::vector<std::string> functions;
  bool any_group_by = false;
  bool any_limit = false;
  bool any_in_list = false;
  bool has_with = false;
  std::vector<std::string> updated_columns;  // the SET targets of an UPDATE; empty otherwise

  std::vector<std::string> table_names() const;  // qualified, distinct, in order of appearance
};

// Table ("schema.table" or "table", as TableRef::qualified_name) → its column names.
using TableColumns = std::map<std::string, std::set<std::string>>;

QueryFacts extract_query_facts(const ParsedSql& parsed, const TableColumns* columns = nullptr);

}  // namespace pgadvisor
