// Candidates on views moved to the table under them: a view that reads exactly one table (a
// simple single-table view) has its candidates put on that table, columns mapped by name (a
// candidate naming a column the view renames or computes is dropped). Candidates on any other
// view are dropped, since no index can be built on a view. Pure.
#pragma once

#include <vector>

#include "advisor/candidates/index_candidate.hpp"
#include "plans/diagnostic.hpp"
#include "plans/pg/relation_catalog.hpp"

namespace pgadvisor {

std::vector<IndexCandidate> resolve_views(std::vector<IndexCandidate> candidates,
                                          const std::vector<RelationInfo>& relations, Diagnostics& diagnostics);

// "schema.table" or "table" (QueryFacts' form) split into an IndexDefinition's schema and table.
void set_qualified_table(IndexDefinition& definition, const std::string& qualified);

}  // namespace pgadvisor
