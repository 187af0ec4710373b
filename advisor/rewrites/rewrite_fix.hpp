// Runs the recommended fix of a proposed rewrite in the caller's transaction, timed: the id
// list's two steps (the list materialized again, so it reflects what the transaction holds now,
// its indexes included), the NOT EXISTS statement, or the original under the work_mem that
// hashes its subquery. Used by --verify's workload-wide proof.
#pragma once

#include "advisor/model/rewrite_advice.hpp"
#include "advisor/rewrites/rewrite_timing.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

// The fix's time (the steps' sum for the id list). Errors throw DatabaseError.
Timing time_recommended_fix(Transaction& tx, const RewriteAdvice& rewrite, const QueryTemplate& tmpl, int runs,
                            int timeout_ms);

}  // namespace pgadvisor
