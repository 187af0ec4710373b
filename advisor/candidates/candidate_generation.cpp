#include "advisor/candidates/candidate_generation.hpp"

#include <algorithm>
#include <map>

#include "advisor/candidates/partial_candidates.hpp"
#include "advisor/candidates/view_resolution.hpp"
#include "plans/pg/column_stats.hpp"
#include "plans/pg/relation_catalog.hpp"
#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

std::vector<std::string> tables_of(const std::vector<IndexCandidate>& candidates) {
  std::vector<std::string> tables;
  for (const auto& candidate : candidates) {
    std::string table = candidate.definition.qualified_table();
    if (std::find(tables.begin(), tables.end(), table) == tables.end()) tables.push_back(table);
  }
  return tables;
}

std::vector<std::pair<std::string, std::string>> predicate_columns(const std::vector<IndexCandidate>& candidates) {
  std::vector<std::pair<std::string, std::string>> columns;
  for (const auto& candidate : candidates)
    for (const auto& predicate : candidate.where_predicates) {
      std::pair<std::string, std::string> column{predicate.column.table, predicate.column.column};
      if (!predicate.column.expression && std::find(columns.begin(), columns.end(), column) == columns.end())
        columns.push_back(column);
    }
  return columns;
}

// Candidates with equal keys made one, their template lists joined, in order of first appearance.
std::vector<IndexCandidate> without_duplicates(std::vector<IndexCandidate> candidates) {
  std::vector<IndexCandidate> out;
  std::map<std::string, size_t> by_key;
  for (auto& candidate : candidates) {
    auto found = by_key.find(candidate.key());
    if (found == by_key.end()) {
      by_key.emplace(candidate.key(), out.size());
      out.push_back(std::move(candidate));
      continue;
    }
    auto& templates = out[found->second].templates;
    for (const auto& fingerprint : candidate.templates)
      if (std::find(templates.begin(), templates.end(), fingerprint) == templates.end()) templates.push_back(fingerprint);
  }
  return out;
}

// A covering candidate whose key holds every column of an existing unique index: the lookup
// reads one row per key, and INCLUDE would save one heap fetch at the cost of a second index.
bool covers_unique_key(const IndexCandidate& candidate, const std::vector<ExistingIndex>& existing) {
  if (!candidate.is_covering()) return false;
  for (const auto& index : existing) {
    if (!index.unique || !index.definition.where.empty() ||
        index.definition.qualified_table() != candidate.definition.qualified_table())
      continue;
    bool all_in_key = std::all_of(index.definition.columns.begin(), index.definition.columns.end(), [&](const IndexColumn& u) {
      return std::any_of(candidate.definition.columns.begin(), candidate.definition.columns.end(),
                         [&](const IndexColumn& c) { return !u.expression && !c.expression && (u.name == c.name || u.name == quote_identifier(c.name)); });
    });
    if (all_in_key) return true;
  }
  return false;
}

void report(Diagnostics& diagnostics, const std::string& what, const std::exception& error) {
  diagnostics.push_back({"candidates", 0, what + " unavailable: " + error.what(), ""});
}

}  // namespace

std::vector<IndexCandidate> build_candidates(Transaction& tx, const std::vector<const QueryTemplate*>& templates,
                                             const CandidateOptions& options, Diagnostics& diagnostics) {
  std::vector<IndexCandidate> candidates = candidates_for_workload(templates, options);
  try {
    std::vector<RelationInfo> relations = read_relations(tx, tables_of(candidates));
    candidates = without_duplicates(resolve_views(std::move(candidates), relations, diagnostics));
    relations = read_relations(tx, tables_of(candidates));  // the views' base tables as well
    for (auto& candidate : candidates)
      for (const auto& relation : relations)
        if (relation.name == candidate.definition.qualified_table() && relation.is_partitioned())
          candidate.partitioned = true;
    std::vector<ExistingIndex> existing = read_existing_indexes(tx, tables_of(candidates));
    candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                    [&](const IndexCandidate& c) { return covers_unique_key(c, existing); }),
                     candidates.end());
  } catch (const DatabaseError& error) {
    report(diagnostics, "view, partition and index information", error);
  }
  ColumnStatsMap stats;
  try {
    stats = read_column_stats(tx, predicate_columns(candidates));
  } catch (const DatabaseError& error) {
    report(diagnostics, "column statistics", error);
  }
  estimate_partial_selectivity(candidates, stats);
  candidates = without_per_value_partials(std::move(candidates), stats);
  candidates = without_unselective_partials(std::move(candidates), options.max_partial_selectivity);
  std::vector<IndexCandidate> merged = merged_partial_candidates(candidates);
  merged = without_unselective_partials(std::move(merged), options.max_partial_selectivity);
  for (auto& candidate : merged) candidates.push_back(std::move(candidate));
  return without_duplicates(std::move(candidates));
}

}  // namespace pgadvisor
