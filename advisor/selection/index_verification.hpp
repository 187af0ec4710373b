// --verify, the workload-wide proof: on a database the user declares disposable, inside one
// transaction, measure each read template the advice changes (an index serves it, or a rewrite
// replaces it) with EXPLAIN ANALYZE (median of k runs, each bounded by --verify-timeout), create
// the proposed indexes for real, measure again with the rewrites applied (their recommended
// fix), and roll back. A template that timed out in the replay is not run again before: its
// time is the rewrite stage's measurement or the timeout, a lower bound. The headline is the
// whole log's replayed time before and after, at the log's calls (templates the advice does not
// change count the same on both sides). An index the transaction's own planner may not use yet (pg_index.indcheckxmin:
// the table has HOT chains from earlier updates) is named in the note; VACUUM the table, or
// verify on a fresh copy, to measure it. CREATE INDEX takes a lock that blocks writes to the
// table until the rollback.
#pragma once

#include "advisor/model/advice.hpp"
#include "plans/pg/session.hpp"

namespace pgadvisor {

struct Verification {
  VerificationSummary summary;
  std::vector<IndexProposal> indexes;  // advice.indexes with each template's verified times
};

// `session` allows statements of `timeout_ms` (its statement_timeout).
Verification verify_proposals(Session& session, int runs, int timeout_ms, const Advice& advice);

}  // namespace pgadvisor
