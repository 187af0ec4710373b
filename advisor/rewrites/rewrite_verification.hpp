// The IN-subquery rewrite stage of an audit: for each read template that replay analyzed or
// that timed out, and that holds an uncorrelated IN / NOT IN subquery, build the rewrite
// (plans/sql/in_subquery) — constrained by the outer predicates when that is sound, and
// unconstrained — run it on the database in one read-only, rolled-back transaction, and keep
// the best variant:
// - step 1 runs and its values become one array (NULLs kept: NOT IN's semantics follow);
// - the results of the original and of step 2 are compared as multisets by an order-independent
//   digest (without the LIMIT when the statement has no ORDER BY: any rows would be right); the
//   original's are read with a work_mem that lets PostgreSQL hash a subquery it re-scanned per
//   row (the same rows, NULLs included), so equality never waits for the slow plan to finish;
// - original, step 1 and step 2 are timed by EXPLAIN ANALYZE, median of k runs, each run bounded
//   by --verify-timeout; an original that timed out in the replay runs once, and when it does not
//   finish its time (and so the speedup) is a lower bound.
// For a NOT IN, NOT EXISTS and the hashing work_mem are measured beside the id list and the
// fastest verified fix is recommended (rewrite_alternatives).
// A rewrite whose results differ is never proposed; one that is not faster is "not worth it".
// Lists up to `inline_limit` ids are shown inline, longer ones as an array parameter
// (bench/in-list-threshold); past `large_list` ids the report says to prefer the constrained
// subquery or NOT EXISTS. Errors become a refused rewrite with the database's message.
#pragma once

#include <vector>

#include "advisor/model/advice.hpp"
#include "plans/pg/session.hpp"

namespace pgadvisor {

struct RewriteOptions {
  bool enabled = true;
  int runs = 3;
  long long inline_limit = 1000;
  long long large_list = 10000;
  int verify_timeout_ms = 180000;  // --verify-timeout: each statement of the verification; the
                                   // session running this stage must allow it
};

std::vector<RewriteAdvice> advise_rewrites(Session& session, const std::vector<TemplateAdvice>& templates,
                                           const RewriteOptions& options);

}  // namespace pgadvisor
