// Partial candidates weighed by pg_stats: each partial candidate gets the fraction of rows its
// WHERE keeps (the product over its conjuncts, -1 when one is unknown), and one that keeps more
// than the limit is dropped (it saves little and serves fewer queries; the full form stays).
// Partial candidates that differ only in their WHERE (same table, columns and INCLUDE) also give
// a merged candidate whose WHERE is `col IN (v1, v2)` when both are one equality on the same
// column, `(p1) OR (p2)` otherwise, so that one index can serve both. A WHERE counted from
// one statement's repetitions stays only on a column of few values. Pure.
#pragma once

#include <vector>

#include "advisor/candidates/index_candidate.hpp"
#include "plans/pg/column_stats.hpp"

namespace pgadvisor {

// Sets predicate_selectivity on every partial candidate from `stats`.
void estimate_partial_selectivity(std::vector<IndexCandidate>& candidates, const ColumnStatsMap& stats);

// The candidates without the partial ones whose known selectivity exceeds `max_selectivity`.
std::vector<IndexCandidate> without_unselective_partials(std::vector<IndexCandidate> candidates,
                                                         double max_selectivity);

// A column with at most this many distinct values is a category (a status, a mode, a flag).
constexpr double kMaxCategoryValues = 100;

// The candidates without those whose WHERE came from repetition inside one statement
// (where_from_repetition) on a column of more than `max_values` distinct values by pg_stats, or
// of no statistics: such a constant is as likely a value of the request as a fixed category.
std::vector<IndexCandidate> without_per_value_partials(std::vector<IndexCandidate> candidates, const ColumnStatsMap& stats,
                                                       double max_values = kMaxCategoryValues);

// The merged candidates of every pair of partial candidates that differ only in their WHERE.
std::vector<IndexCandidate> merged_partial_candidates(const std::vector<IndexCandidate>& candidates);

}  // namespace pgadvisor
