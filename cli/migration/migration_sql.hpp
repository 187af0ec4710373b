// `audit --migration sql`: the proposed indexes as a SQL migration for psql. A header (the audit,
// its database; no date, so the same advice gives the same file), then per proposal a comment
// (the templates it serves with their SQL shortened, the time it saves over the log and a day,
// its write cost and size) and its `CREATE INDEX CONCURRENTLY IF NOT EXISTS` (a plain
// `CREATE INDEX IF NOT EXISTS` on a partitioned parent, as IndexCandidate::ddl() does), between
// `SET lock_timeout = kMigrationLockTimeout; SET statement_timeout = 0` and their RESET, then the
// drop suggestions commented out; the header says how to clean up the INVALID index a failed
// build leaves. Also the piece the Django writer shares: the "why" lines of a
// proposal. Both name an index IndexCandidate::name(), as the report does. Pure.
#pragma once

#include <string>
#include <vector>

#include "advisor/model/advice.hpp"
#include "plans/text_format.hpp"

namespace pgadvisor {

// How long a migration's index build may wait for a lock before it fails (both migrations).
inline constexpr const char* kMigrationLockTimeout = "5s";

// Why the proposal is there, one plain line each (no comment marker): what it saves and costs,
// then one line per template it serves ("template #3 (4 calls): SELECT ... (shortened)").
std::vector<std::string> proposal_reasons(const Advice& advice, const IndexProposal& proposal);

// The whole migration file.
std::string sql_migration(const Advice& advice);

}  // namespace pgadvisor
