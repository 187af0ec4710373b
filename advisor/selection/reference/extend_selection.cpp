#include "advisor/selection/reference/extend_selection.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace pgadvisor {
namespace {

struct Attribute {
  std::string table;
  std::string column;
  size_t single = 0;  // the candidate indexing it alone
};

// The workload's indexable columns, each with its single-column candidate (unusable ones left out).
std::vector<Attribute> attributes_of(CostSource& costs, const ReferenceInput& input) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& columns : input.columns)
    for (const auto& [table, names] : columns)
      for (const auto& column : names) seen.insert({table, column});
  std::vector<Attribute> attributes;
  for (const auto& [table, column] : seen) {
    size_t single = costs.add_candidate(reference_index(table, {column}, input));
    if (costs.usable(single) && costs.size_bytes(single) > 0) attributes.push_back({table, column, single});
  }
  return attributes;
}

struct Step {
  std::vector<size_t> chosen;  // in the order of selection
  double cost = 0;
  double ratio = 0;
};

}  // namespace

ReferenceResult extend_selection(CostSource& costs, const ReferenceInput& input, const ExtendOptions& options) {
  WorkloadCosts workload(costs, input.weights);
  std::vector<Attribute> attributes = attributes_of(costs, input);
  std::vector<size_t> chosen;
  workload.move_to({});
  long long chosen_size = 0;

  while (true) {
    Step best;
    auto consider = [&](std::vector<size_t> next, long long added_bytes) {
      Configuration configuration = sorted_configuration(next);
      long long size = configuration_size(costs, configuration);
      if (size > input.budget_bytes) return;
      double cost = workload.total_of(configuration);
      if (cost * options.min_cost_improvement >= workload.total()) return;
      double ratio = (workload.total() - cost) / static_cast<double>(std::max(added_bytes, 1LL));
      if (ratio > best.ratio) best = {std::move(next), cost, ratio};
    };
    for (const auto& attribute : attributes) {  // a new single-column index
      if (std::count(chosen.begin(), chosen.end(), attribute.single)) continue;
      long long size = costs.size_bytes(attribute.single);
      if (chosen_size + size > input.budget_bytes) continue;
      std::vector<size_t> next = chosen;
      next.push_back(attribute.single);
      consider(std::move(next), size);
    }
    for (const auto& attribute : attributes) {  // a chosen index one column wider
      for (size_t position = 0; position < chosen.size(); ++position) {
        const IndexCandidate index = costs.candidates()[chosen[position]];
        std::vector<std::string> columns = index_columns(index);
        if (columns.size() >= input.max_width || index.definition.qualified_table() != attribute.table) continue;
        if (std::count(columns.begin(), columns.end(), attribute.column)) continue;
        columns.push_back(attribute.column);
        size_t wider = costs.add_candidate(reference_index(attribute.table, columns, input));
        if (std::count(chosen.begin(), chosen.end(), wider) || !costs.usable(wider) || costs.size_bytes(wider) == 0)
          continue;
        std::vector<size_t> next = chosen;
        next.erase(next.begin() + static_cast<long>(position));  // the wider one goes last, as the platform keeps it
        next.push_back(wider);
        consider(std::move(next), costs.size_bytes(wider) - costs.size_bytes(chosen[position]));
      }
    }
    if (best.ratio <= 0) break;
    chosen = std::move(best.chosen);
    workload.move_to(sorted_configuration(chosen));
    chosen_size = configuration_size(costs, workload.current());
  }

  ReferenceResult result;
  result.configuration = workload.current();
  result.cost = workload.total();
  result.size_bytes = chosen_size;
  result.cost_requests = workload.requests();
  return result;
}

}  // namespace pgadvisor
