// `audit --migration sql`: the proposed indexes as a SQL migration for psql. A header (the audit,
// its database; no date, so the same advice gives the same file), then per proposal a comment
// (the templates it serves with their SQL shortened, the time it saves over the log and a day,
// its write cost and size) and its `CREATE INDEX CONCURRENTLY IF NOT EXISTS` (a plain
// `CREATE INDEX IF NOT EXISTS` on a partitioned parent, as IndexCandidate::ddl() does), then the
// drop suggestions commented out. Also the piece the Django writer shares: the "why" lines of a
// proposal. Both name an index IndexCandidate::name(), as the report does. Pure.
#pragma once

#include <string>
#include <vector>

#include "advisor/model/advice.hpp"
#include "plans/text_format.hpp"

namespace pgadvisor {

// Why the proposal is there, one plain line each (no comment marker): what it saves and costs,
// then one line per template it serves ("template #3 (4 calls): SELECT ... (shortened)").
std::vector<std::string> proposal_reasons(const Advice& advice, const IndexProposal& proposal);

// The whole migration file.
std::string sql_migration(const Advice& advice);

}  // namespace pgadvisor
