// The workload as pg_stat_statements holds it, read live from the user's database: one entry a
// statement of the current database, with its calls, total and max time, its text normalized
// with $n placeholders (no values: replay plans it generically). Read in a rolled-back READ ONLY
// transaction. Utility and transaction-control entries (SET, BEGIN, EXPLAIN, ...) are skipped
// and counted in one diagnostic. When the extension is not installed in the database,
// FatalError(Input) says so.
#pragma once

#include "plans/pg/session.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

// Adds the entries to `workload`; returns how many were added.
long long read_pg_stat_statements(Session& session, Workload& workload);

}  // namespace pgadvisor
