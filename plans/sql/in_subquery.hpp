// IN-subqueries and their rewrite into a materialized id list, on libpg_query's parse tree:
// find `expr IN (SELECT ...)`, `NOT (expr IN (SELECT ...))`, `expr = ANY (SELECT ...)` and
// `expr <> ALL (SELECT ...)` at any SELECT level of a statement, tell whether each can be
// materialized on its own (uncorrelated, one output column), and build the two statements of
// the rewrite: step 1 lists the subquery's distinct values (constrained by the outer query's
// other predicates when that is sound), step 2 is the statement with the subquery replaced by an
// array parameter or an inline list. Every statement built here is a parse tree deparsed by
// libpg_query, never text pasted together; parameters are renumbered densely and each step says
// which of the original statement's parameters it takes, in order. Pure: nothing here touches a
// database. A statement that does not parse has no IN-subquery.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plans/statement.hpp"

namespace pgadvisor {

struct InSubquery {
  int index = 0;                  // order among the statement's IN-subqueries, depth first
  bool negated = false;           // NOT IN, NOT (... IN ...), <> ALL
  std::string outer_expression;   // the tested expression, deparsed ("todos_todo.id")
  std::string subquery_sql;       // the subquery, deparsed
  std::string not_rewritable;     // why it cannot be materialized alone (correlated, ...), or empty
  bool constrainable = false;     // no LIMIT, OFFSET, aggregate, GROUP BY, DISTINCT, window or set
                                  // operation in the subquery, and the outer level reads one table:
                                  // the outer predicates may be pushed into step 1
  bool outer_has_limit_without_order = false;  // the statement's LIMIT picks any rows
};

std::vector<InSubquery> find_in_subqueries(const std::string& sql);

// A statement built by the rewrite, with the original parameters it takes: its $i is the
// original's $params[i-1].
struct RewrittenStatement {
  std::string sql;
  std::vector<int> params;
};

// `original` with the step's SQL and the original's parameters the step takes, then `extra`.
Statement step_statement(const RewrittenStatement& step, const Statement& original,
                         const std::vector<StatementParam>& extra = {});

// Step 1: SELECT DISTINCT of the subquery's output column (the subquery itself made DISTINCT when
// it is a plain SELECT, else `SELECT DISTINCT s.v FROM (subquery) AS s(v)`). With `constrain`
// (only when the subquery is constrainable) the values are limited to those the outer query can
// test: for IN, `v IN (SELECT outer_expression FROM outer table WHERE the other predicates)`; for
// NOT IN, `(v IN (...)) IS NOT FALSE`: the NULLs are kept as well, since one NULL makes NOT IN
// reject every row, and so is every value when the outer expression is NULL on some row (whose
// NOT IN is true only when the list is empty).
std::optional<RewrittenStatement> materialize_step(const std::string& sql, int index, bool constrain,
                                                   std::string& why_not);

// Step 2 with the subquery replaced by `expr = ANY($n::element_type[])` (negated:
// `NOT (expr = ANY(...))`, which keeps NOT IN's NULL semantics when the array holds the NULLs);
// $n is the last parameter and is not in `params`.
std::optional<RewrittenStatement> array_step(const std::string& sql, int index, const std::string& element_type,
                                             std::string& why_not);

// Step 2 with the subquery replaced by `expr IN (v1::element_type, ...)` (negated: NOT IN),
// values as text, nullopt for NULL; an empty list is refused (use array_step).
std::optional<RewrittenStatement> inline_list_step(const std::string& sql, int index,
                                                   const std::vector<std::optional<std::string>>& values,
                                                   const std::string& element_type, std::string& why_not);

// The statement with the subquery replaced by `EXISTS (SELECT 1 FROM (subquery) AS
// pgadvisor_in(pgadvisor_value) WHERE pgadvisor_in.pgadvisor_value = expr)`: a NOT IN becomes
// NOT EXISTS (Django's ~Exists(...)). Not the same where NULLs are: NOT EXISTS keeps a row whose
// expr is NULL and ignores NULLs of the subquery, where NOT IN rejects every row once the
// subquery yields a NULL. Same parameters as the original.
std::optional<RewrittenStatement> exists_step(const std::string& sql, int index, std::string& why_not);

// The statement without its top-level LIMIT and OFFSET (to compare results when the LIMIT has
// no ORDER BY and any rows are a right answer); the same text when it has none.
std::string without_limit(const std::string& sql);
// The same with its parameters renumbered (a LIMIT $n removed leaves no gap); nullopt when the
// statement does not parse or is not a SELECT.
std::optional<RewrittenStatement> without_limit_step(const std::string& sql, std::string& why_not);

}  // namespace pgadvisor
