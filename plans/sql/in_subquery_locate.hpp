// Where the IN-subqueries of a parsed statement are (the SubLink slots of `x IN (SELECT ...)`,
// `x = ANY (SELECT ...)` and `x <> ALL (SELECT ...)` in the WHERE clause of any SELECT level,
// depth first) and what can be done with each: whether it can be materialized alone, whether its
// subquery is a plain SELECT that a DISTINCT and a predicate can be added to, and whether the
// predicates of its level can be pushed into it. Pointers are into the given tree, valid while
// it lives and is not edited elsewhere. A tree without one statement has no IN-subquery.
#pragma once

#include <string>
#include <vector>

#include "plans/sql/parse_tree_edit.hpp"

namespace pgadvisor {

struct LocatedInSubquery {
  PgQuery__Node** slot = nullptr;  // the SubLink node
  bool all_form = false;           // `x <> ALL (...)`: the sublink itself is a NOT IN
  bool negated = false;            // NOT IN in effect (<> ALL, or a NOT directly around the sublink)
  std::string not_rewritable;      // empty when it can be materialized alone
  bool plain_subquery = false;     // no LIMIT, OFFSET, DISTINCT, GROUP BY, HAVING, function in the
                                   // output, window, set operation, WITH, VALUES or locking
  bool constrainable = false;      // plain, and the level reads one table and tests it as one of
                                   // the AND-ed predicates of its WHERE, the others being:
  PgQuery__Node* outer_table = nullptr;          // the level's one FROM item (a RangeVar)
  std::vector<PgQuery__Node*> other_conjuncts;   // the level's other WHERE conjuncts

  PgQuery__SubLink* sublink() const { return (*slot)->sub_link; }
};

std::vector<LocatedInSubquery> locate_in_subqueries(const ProtoTree& tree);

// The SELECT that gives a subquery its output columns (the leftmost of a set operation).
const PgQuery__SelectStmt* leftmost_select(const PgQuery__SelectStmt* select);

}  // namespace pgadvisor
