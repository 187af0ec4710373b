#include "advisor/candidates/partial_candidates.hpp"

#include <algorithm>
#include <map>

namespace pgadvisor {
namespace {

// The candidate's identity without its WHERE.
std::string key_without_where(const IndexCandidate& candidate) {
  IndexCandidate full = candidate;
  full.definition.where.clear();
  return full.key();
}

bool single_equality(const IndexCandidate& candidate) {
  if (candidate.where_predicates.size() != 1) return false;
  const Predicate& predicate = candidate.where_predicates[0];
  return predicate.op == PredicateOp::Equal && !predicate.boolean_column && predicate.values.size() == 1 &&
         !predicate.column.expression;
}

IndexCandidate merged(const IndexCandidate& first, const IndexCandidate& second) {
  IndexCandidate out = first;
  out.where_predicates.clear();
  bool same_column = single_equality(first) && single_equality(second) &&
                     first.where_predicates[0].column == second.where_predicates[0].column;
  if (same_column) {
    Predicate in = first.where_predicates[0];
    in.op = PredicateOp::In;
    in.values.push_back(second.where_predicates[0].values[0]);
    in.value_locations.clear();
    out.definition.where = in.to_sql();
    out.where_predicates = {in};
  } else {
    out.definition.where = "(" + first.definition.where + ") OR (" + second.definition.where + ")";
  }
  out.where_from_repetition = first.where_from_repetition || second.where_from_repetition;
  for (const auto& fingerprint : second.templates)
    if (std::find(out.templates.begin(), out.templates.end(), fingerprint) == out.templates.end())
      out.templates.push_back(fingerprint);
  bool known = first.predicate_selectivity >= 0 && second.predicate_selectivity >= 0;
  out.predicate_selectivity = known ? std::min(1.0, first.predicate_selectivity + second.predicate_selectivity) : -1;
  return out;
}

}  // namespace

void estimate_partial_selectivity(std::vector<IndexCandidate>& candidates, const ColumnStatsMap& stats) {
  for (auto& candidate : candidates) {
    if (!candidate.is_partial() || candidate.where_predicates.empty()) continue;
    double selectivity = 1;
    for (const auto& predicate : candidate.where_predicates) {
      auto found = stats.find({predicate.column.table, predicate.column.column});
      double fraction = found == stats.end() ? -1 : predicate_selectivity(predicate, found->second);
      if (fraction < 0) {
        selectivity = -1;
        break;
      }
      selectivity *= fraction;
    }
    candidate.predicate_selectivity = selectivity;
  }
}

std::vector<IndexCandidate> without_unselective_partials(std::vector<IndexCandidate> candidates,
                                                         double max_selectivity) {
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                  [&](const IndexCandidate& c) {
                                    return c.is_partial() && c.predicate_selectivity > max_selectivity;
                                  }),
                   candidates.end());
  return candidates;
}

std::vector<IndexCandidate> without_per_value_partials(std::vector<IndexCandidate> candidates, const ColumnStatsMap& stats,
                                                       double max_values) {
  auto few_values = [&](const Predicate& predicate) {
    auto found = stats.find({predicate.column.table, predicate.column.column});
    if (found == stats.end()) return false;
    const ColumnStats& column = found->second;
    double distinct = column.distinct >= 0 ? column.distinct : -column.distinct * column.table_rows;
    return distinct <= max_values;
  };
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                  [&](const IndexCandidate& c) {
                                    return c.where_from_repetition &&
                                           !std::all_of(c.where_predicates.begin(), c.where_predicates.end(), few_values);
                                  }),
                   candidates.end());
  return candidates;
}

std::vector<IndexCandidate> merged_partial_candidates(const std::vector<IndexCandidate>& candidates) {
  std::map<std::string, std::vector<const IndexCandidate*>> groups;
  for (const auto& candidate : candidates)
    if (candidate.is_partial()) groups[key_without_where(candidate)].push_back(&candidate);
  std::vector<IndexCandidate> out;
  for (const auto& [key, group] : groups)
    for (size_t i = 0; i < group.size(); ++i)
      for (size_t j = i + 1; j < group.size(); ++j) out.push_back(merged(*group[i], *group[j]));
  return out;
}

}  // namespace pgadvisor
