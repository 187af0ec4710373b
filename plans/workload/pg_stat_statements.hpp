// The workload as pg_stat_statements holds it, read live from the user's database: one entry a
// statement of the current database, with its calls, total and max time, its text normalized
// with $n placeholders (no values: replay plans it generically). Read in a rolled-back READ ONLY
// transaction. Utility and transaction-control entries (SET, BEGIN, EXPLAIN, ...) are skipped
// and counted in one diagnostic. pgadvisor's own queries (their text starts with the comment
// kOwnQueryComment) are skipped and counted, and so are the entries the filter leaves out
// (--database and --user apply; pg_stat_statements keeps no time and no application_name, so
// --since, --until and --application cannot apply: their entries are skipped, with a diagnostic).
// When the extension is not installed in the database, FatalError(Input) says so.
#pragma once

#include "plans/pg/own_session_tag.hpp"
#include "plans/pg/session.hpp"
#include "plans/workload/statement_filter.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

// Adds the entries to `workload`; returns how many were added.
long long read_pg_stat_statements(Session& session, Workload& workload, const StatementFilterOptions& filter = {});

}  // namespace pgadvisor
