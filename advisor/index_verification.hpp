// --verify: on a database the user declares disposable, create the proposed indexes for real
// inside one transaction, measure each read template they serve with EXPLAIN ANALYZE (median
// of k runs) before and after, and roll back. Only templates that replay analyzed as reads are
// measured. An index the transaction's own planner may not use yet (pg_index.indcheckxmin:
// the table has HOT chains from earlier updates) is named in the note; VACUUM the table, or
// verify on a fresh copy, to measure it. CREATE INDEX takes a lock that blocks writes to the
// table until the rollback.
#pragma once

#include "advisor/advice.hpp"
#include "plans/pg/session.hpp"

namespace pgadvisor {

void verify_proposals(Session& session, int runs, Advice& advice);

}  // namespace pgadvisor
