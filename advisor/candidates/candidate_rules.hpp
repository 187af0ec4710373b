// The rules that turn one template's facts into index candidates, per table and per SELECT
// level: composite (equality columns first, then the ORDER BY columns with their direction,
// then one range column), the single-column and shorter forms, partial forms whose WHERE is a
// boolean or equality predicate with the same constant in every call of the template (an
// equality constant only once seen several times: in several calls, or written again in every
// branch of an OR; an IN list only in that second way), and for a SELECT level whose every
// column of the table is known, the composite with the other columns it reads as INCLUDE (so
// the plan can be an index-only scan).
// A column joined to another table's gets a candidate of its own and one after the equality
// columns (for the inner side of a nested loop), the GROUP BY keys one after the equality
// columns, and each of these and each range column, when the level's columns are known, one
// with the others it reads as INCLUDE. Expression predicates (lower(email) = $1) give
// expression columns; they never become a partial WHERE.
// Pure; a template without usable predicates or order yields no candidate.
#pragma once

#include <vector>

#include "advisor/candidates/index_candidate.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

struct CandidateOptions {
  size_t max_columns = 3;
  // An equality constant becomes a partial index's WHERE only when seen this many times: calls
  // of the template times the times one statement writes it (in every branch of an OR); boolean
  // and IS NULL predicates need one. 0: no partial form at all.
  long long min_calls_for_partial = 2;
  // A covering candidate is made only when the columns it must INCLUDE are at most this many.
  size_t max_include = 4;
  // A partial form is dropped when its predicate keeps more than this fraction of the rows.
  double max_partial_selectivity = 0.9;
};

std::vector<IndexCandidate> candidates_for_template(const QueryTemplate& tmpl, const CandidateOptions& options);

// All templates' candidates, duplicates merged (their template lists joined).
std::vector<IndexCandidate> candidates_for_workload(const std::vector<const QueryTemplate*>& templates,
                                                    const CandidateOptions& options);

}  // namespace pgadvisor
