#include "advisor/candidates/existing_index_match.hpp"

#include "plans/sql/pg_query_api.hpp"
#include "plans/sql/same_expression.hpp"

namespace pgadvisor {
namespace {

// pg_get_indexdef prints quoted names where needed and expressions with their casts;
// candidates hold bare names and deparsed expressions.
bool same_column(const IndexColumn& existing, const IndexColumn& candidate) {
  if (existing.expression || candidate.expression)
    return existing.expression == candidate.expression && same_expression(existing.name, candidate.name);
  return existing.name == candidate.name || existing.name == quote_identifier(candidate.name);
}

// Every INCLUDE column of the candidate is a key or INCLUDE column of the existing index.
bool includes_all(const IndexDefinition& have, const std::vector<std::string>& wanted) {
  for (const auto& name : wanted) {
    bool found = false;
    for (const auto& column : have.columns) found = found || same_column(column, {name});
    for (const auto& column : have.include) found = found || same_column({column}, {name});
    if (!found) return false;
  }
  return true;
}

bool is_leading_prefix(const std::vector<IndexColumn>& prefix, const std::vector<IndexColumn>& columns, bool reversed) {
  if (prefix.size() > columns.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (!same_column(columns[i], prefix[i])) return false;
    if ((columns[i].descending != prefix[i].descending) != reversed) return false;
    if (columns[i].nulls_flipped != prefix[i].nulls_flipped) return false;  // a backward scan keeps it
  }
  return true;
}

}  // namespace

const ExistingIndex* serving_index(const IndexCandidate& candidate, const std::vector<ExistingIndex>& existing) {
  const IndexDefinition& wanted = candidate.definition;
  for (const auto& index : existing) {
    const IndexDefinition& have = index.definition;
    if (index.method != "btree" || have.qualified_table() != wanted.qualified_table()) continue;
    if (!includes_all(have, wanted.include)) continue;
    bool same_predicate = have.where.empty() ? wanted.where.empty() : same_expression(have.where, wanted.where);
    if (!same_predicate) continue;
    if (is_leading_prefix(wanted.columns, have.columns, false) || is_leading_prefix(wanted.columns, have.columns, true))
      return &index;
  }
  return nullptr;
}

}  // namespace pgadvisor
