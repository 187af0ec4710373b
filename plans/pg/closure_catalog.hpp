// Catalog lookups of the replay's closure analysis: names as the statement wrote them resolved to
// OIDs the way the server would see them (schema-qualified, or the first match on the search
// path; quoted names keep their case), and the definitions PostgreSQL stores for what a
// statement runs without showing it: view queries, row-security policies, and the user-defined
// functions behind operators and casts. Built-in objects are left out: PostgreSQL's own views,
// operators and casts only call built-in functions. Errors throw DatabaseError.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plans/pg/session.hpp"
#include "plans/sql/statement_objects.hpp"

namespace pgadvisor {

struct ClosureRelation {
  std::string oid;
  char kind = 'r';  // pg_class.relkind
  std::string name; // schema-qualified, quoted as needed
  bool row_security = false;
  bool builtin = false;
};

std::optional<ClosureRelation> resolve_relation(Transaction& tx, const QualifiedName& name);
std::optional<ClosureRelation> relation_by_oid(Transaction& tx, const std::string& oid);

std::string view_definition(Transaction& tx, const std::string& view_oid);

struct NamedExpression {
  std::string name;  // the policy, constraint or column it belongs to
  std::string sql;   // a whole statement libpg_query parses: "SELECT <expression>", "CREATE INDEX ..."
};

// USING and WITH CHECK expressions of the table's policies.
std::vector<NamedExpression> policy_expressions(Transaction& tx, const std::string& table_oid);

// Every function a call of one of `names` may resolve to (all overloads on the search path, or in
// the schema), and for an aggregate its support functions too: one query for all.
std::vector<std::string> function_candidates(Transaction& tx, const std::vector<QualifiedName>& names);

struct OperatorFunctions {
  std::string signature;        // e.g. ===(integer,integer)
  std::vector<std::string> run; // the operator's function, run when it is applied (folded when constant)
  std::vector<std::string> estimators;  // restriction and join selectivity functions, run by the planner
};

// Operators of these names whose function or estimators are not built in: one query for all.
std::vector<OperatorFunctions> user_operators(Transaction& tx, const std::vector<QualifiedName>& names);

struct CastFunction {
  std::string oid;
  std::string cast;  // e.g. "text AS tag"
};

// The CHECK constraints of the domains among `type_names` (a cast to a domain checks them).
std::vector<NamedExpression> domain_checks(Transaction& tx, const std::vector<std::string>& type_names);

// User-defined cast functions to one of `type_names`, and every user-defined implicit or assignment
// cast function (those run without being written).
std::vector<CastFunction> user_casts(Transaction& tx, const std::vector<std::string>& type_names);

}  // namespace pgadvisor
