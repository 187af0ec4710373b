// Whether an index that already exists serves a candidate: same table (schema included), the
// same predicate (or both none), the candidate's columns a leading prefix of the existing
// index's (expressions compared as parsed), in the same directions or all reversed (a btree is
// read backwards as well), with the same NULLS order relative to the direction, and its INCLUDE
// columns among the existing index's columns. Pure.
#pragma once

#include <vector>

#include "advisor/candidates/index_candidate.hpp"

namespace pgadvisor {

// The existing index that serves `candidate`, or nullptr.
const ExistingIndex* serving_index(const IndexCandidate& candidate, const std::vector<ExistingIndex>& existing);

}  // namespace pgadvisor
