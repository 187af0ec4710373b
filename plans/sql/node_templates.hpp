// New parse tree nodes made from small fixed template statements parsed by libpg_query, with the
// caller's nodes grafted into them: `x = ANY(y)`, `x IN (...)`, NOT, AND, `x IN (SELECT ...)`,
// `SELECT DISTINCT s.v FROM (...) AS s(v)`, ... Every builder takes ownership of the nodes it is
// given and returns a node the caller owns. A template that does not have its expected shape is
// a bug: it throws std::logic_error.
#pragma once

#include <vector>

#include "plans/sql/parse_tree_edit.hpp"

namespace pgadvisor {

// A copy of the where clause (`SELECT WHERE <expr>`) or of the statement of a fixed template.
PgQuery__Node* template_where(const char* sql);
PgQuery__Node* template_statement(const char* sql);

// `node` when it is of `node_case`; else throws std::logic_error naming `what`.
PgQuery__Node* expect_node(PgQuery__Node* node, PgQuery__Node__NodeCase node_case, const char* what);

PgQuery__Node* any_array_test(PgQuery__Node* expr, PgQuery__Node* array);  // expr = ANY(array)
PgQuery__Node* in_list_test(PgQuery__Node* expr, const std::vector<PgQuery__Node*>& items,
                            bool negated);                                // expr [NOT] IN (items)
PgQuery__Node* not_of(PgQuery__Node* expr);                               // NOT expr
PgQuery__Node* and_of(const std::vector<PgQuery__Node*>& conjuncts);      // a AND b ... (one: itself)
PgQuery__Node* is_not_false(PgQuery__Node* expr);                         // expr IS NOT FALSE
PgQuery__Node* in_subquery_test(PgQuery__Node* expr, PgQuery__Node* select);  // expr IN (select)

// SELECT target FROM from_item [WHERE where] (where may be nullptr).
PgQuery__Node* select_from_where(PgQuery__Node* target, PgQuery__Node* from_item, PgQuery__Node* where);
// SELECT DISTINCT s.v FROM (select) AS s(v)
PgQuery__Node* distinct_values_of(PgQuery__Node* select);
// EXISTS (SELECT 1 FROM (select) AS pgadvisor_in(pgadvisor_value) WHERE pgadvisor_in.pgadvisor_value = expr)
PgQuery__Node* exists_match_of(PgQuery__Node* select, PgQuery__Node* expr);
// Makes `select` a SELECT DISTINCT.
void make_distinct(PgQuery__SelectStmt* select);

}  // namespace pgadvisor
