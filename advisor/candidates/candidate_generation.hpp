// Candidate generation for a workload, the one entry point the pipeline calls: the pure rules
// (advisor/candidate_rules) over every template, then what the catalog knows — candidates on a
// simple single-table view moved to its table, partitioned parents marked (their DDL cannot be
// CONCURRENTLY), partial candidates weighed with pg_stats and dropped when their WHERE keeps
// more than options.max_partial_selectivity of the rows, and partial candidates that differ only
// in their WHERE merged into one more candidate; covering candidates over an existing unique key
// are dropped (one row per lookup: INCLUDE saves a single heap fetch). Duplicates are merged with their templates.
// A catalog query that fails becomes a diagnostic; the rules' candidates are kept.
#pragma once

#include <vector>

#include "advisor/candidates/candidate_rules.hpp"
#include "plans/diagnostic.hpp"
#include "plans/pg/session.hpp"

namespace pgadvisor {

std::vector<IndexCandidate> build_candidates(Transaction& tx, const std::vector<const QueryTemplate*>& templates,
                                             const CandidateOptions& options, Diagnostics& diagnostics);

}  // namespace pgadvisor
