#include "advisor/existing_index_match.hpp"

#include "plans/sql/pg_query_api.hpp"
#include "plans/sql/same_expression.hpp"

namespace pgadvisor {
namespace {

// pg_get_indexdef prints quoted names where needed; candidates hold bare names.
bool same_column_name(const std::string& existing, const std::string& candidate) {
  return existing == candidate || existing == quote_identifier(candidate);
}

bool is_leading_prefix(const std::vector<IndexColumn>& prefix, const std::vector<IndexColumn>& columns, bool reversed) {
  if (prefix.size() > columns.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (!same_column_name(columns[i].name, prefix[i].name)) return false;
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
    if (index.method != "btree" || have.table != wanted.table) continue;
    bool same_predicate = have.where.empty() ? wanted.where.empty() : same_expression(have.where, wanted.where);
    if (!same_predicate) continue;
    if (is_leading_prefix(wanted.columns, have.columns, false) || is_leading_prefix(wanted.columns, have.columns, true))
      return &index;
  }
  return nullptr;
}

}  // namespace pgadvisor
