#include "advisor/selection/widening.hpp"

#include <algorithm>

#include "advisor/candidates/indexable_columns.hpp"

namespace pgadvisor {

std::vector<IndexCandidate> widened(const IndexCandidate& index, const std::vector<std::string>& columns,
                                    size_t max_columns) {
  std::vector<IndexCandidate> out;
  const IndexDefinition& definition = index.definition;
  if (definition.columns.size() >= max_columns) return out;
  for (const auto& column : columns) {
    bool in_key = std::any_of(definition.columns.begin(), definition.columns.end(),
                              [&](const IndexColumn& c) { return !c.expression && c.name == column; });
    if (in_key) continue;
    IndexCandidate wider = index;
    wider.definition.columns.push_back({column, false, false, false});
    auto& include = wider.definition.include;
    include.erase(std::remove(include.begin(), include.end(), column), include.end());
    out.push_back(std::move(wider));
  }
  return out;
}

Widening widening_for(WorkloadObjective& objective, const std::vector<const QueryTemplate*>& templates,
                      size_t max_columns) {
  return [&objective, &templates, max_columns](size_t c) {
    const IndexCandidate index = objective.costs().candidates()[c];  // a copy: adding candidates moves them
    const std::string table = index.definition.qualified_table();
    std::vector<std::string> columns;
    for (size_t t : objective.helped_templates(c)) {
      IndexableColumns by_table = indexable_columns(*templates[t]);
      auto found = by_table.find(table);
      if (found == by_table.end()) continue;
      for (const auto& column : found->second)
        if (std::find(columns.begin(), columns.end(), column) == columns.end()) columns.push_back(column);
    }
    return widened(index, columns, max_columns);
  };
}

}  // namespace pgadvisor
