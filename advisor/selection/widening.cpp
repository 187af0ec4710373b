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

std::vector<IndexCandidate> covering_widened(const IndexCandidate& index, const std::vector<std::string>& columns,
                                             size_t max_include) {
  std::vector<IndexCandidate> out;
  const IndexDefinition& definition = index.definition;
  if (definition.include.size() >= max_include) return out;
  for (const auto& column : columns) {
    bool held = std::find(definition.include.begin(), definition.include.end(), column) != definition.include.end() ||
                std::any_of(definition.columns.begin(), definition.columns.end(),
                            [&](const IndexColumn& c) { return !c.expression && c.name == column; });
    if (held) continue;
    IndexCandidate wider = index;
    wider.definition.include.push_back(column);
    out.push_back(std::move(wider));
  }
  return out;
}

Widening widening_for(WorkloadObjective& objective, const std::vector<const QueryTemplate*>& templates,
                      size_t max_columns, size_t max_include) {
  return [&objective, &templates, max_columns, max_include](size_t c) {
    const IndexCandidate index = objective.costs().candidates()[c];  // a copy: adding candidates moves them
    const std::string table = index.definition.qualified_table();
    std::vector<std::string> columns, read;
    auto add = [&](const IndexableColumns& by_table, std::vector<std::string>& to) {
      auto found = by_table.find(table);
      if (found == by_table.end()) return;
      for (const auto& column : found->second)
        if (std::find(to.begin(), to.end(), column) == to.end()) to.push_back(column);
    };
    for (size_t t : objective.helped_templates(c)) {
      add(indexable_columns(*templates[t]), columns);
      add(indexable_columns(*templates[t], IndexableScope::Referenced), read);
    }
    std::vector<IndexCandidate> out = widened(index, columns, max_columns);
    for (auto& wider : covering_widened(index, read, max_include)) out.push_back(std::move(wider));
    return out;
  };
}

}  // namespace pgadvisor
