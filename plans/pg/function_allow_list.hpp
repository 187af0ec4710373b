// Which functions replay lets PostgreSQL execute. A function is allowed when it is known to be
// free of side effects: a built-in one labelled IMMUTABLE or STABLE (PostgreSQL's own labels are
// right), an IMMUTABLE or STABLE C function of an installed extension, one of a short list of
// built-in volatile functions that only read or wait (random(), clock_timestamp(), pg_sleep(),
// size and lock readers, transaction-level advisory locks, ...), or one the user trusts with
// --allow-function. Everything else — user functions whatever their label, nextval(), session
// advisory locks, backup, replication, large objects, dblink — is not allowed. Errors throw
// DatabaseError.
#pragma once

#include <string>
#include <vector>

#include "plans/pg/session.hpp"

namespace pgadvisor {

// When PostgreSQL runs code a statement reaches.
enum class RunsWhen {
  Executed,  // only when the statement executes (triggers, constraints, index expressions, ...)
  Planned,   // the planner may run it too: it folds IMMUTABLE/STABLE calls with constant arguments and inlines SQL functions
  Explained, // even a plain EXPLAIN runs it, whatever its label: estimators, domain checks of bound parameters
};

// One way a statement reaches a function.
struct FunctionUse {
  std::string oid;  // pg_proc's oid, as text
  std::string via;  // what leads to it, a phrase ending before the name: "view public.v calls"
  RunsWhen when = RunsWhen::Executed;
};

struct DisallowedFunction {
  FunctionUse use;
  std::string name;      // schema-qualified, quoted as needed
  std::string proname;   // as --allow-function takes it
  char volatility = 'v'; // 'i', 's' or 'v'
  std::string language;
  bool builtin = false;   // PostgreSQL's own: a side effect, not a missing label
  bool runs_sql = false;  // a built-in that runs queries named in a string (table_to_xml, ...)
};

// The uses whose function is not allowed, in the order given. `trusted` holds --allow-function
// names, bare ("f") or schema-qualified ("public.f").
std::vector<DisallowedFunction> disallowed_functions(Transaction& tx, const std::vector<FunctionUse>& uses,
                                                     const std::vector<std::string>& trusted);

// "an IMMUTABLE plpgsql function", "a volatile sql function", ...
std::string describe_function(const DisallowedFunction& function);

// Whether even planning the statement (a plain EXPLAIN) would run it.
bool runs_when_planned(const DisallowedFunction& function);

}  // namespace pgadvisor
