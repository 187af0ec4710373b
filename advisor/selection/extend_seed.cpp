#include "advisor/selection/extend_seed.hpp"

#include <algorithm>

#include "advisor/candidates/indexable_columns.hpp"
#include "advisor/selection/reference/extend_selection.hpp"

namespace pgadvisor {
namespace {

// The chosen index whose removal loses the least, when it loses less than it must save (or,
// with `over_count`, in any case); nullopt when every one earns its place.
std::optional<size_t> weakest(WorkloadObjective& objective, const Configuration& chosen, const SelectionOptions& options,
                              bool over_count) {
  std::optional<size_t> worst;
  double worst_loss = 0;
  for (size_t c : chosen) {
    Configuration without = changed(chosen, std::nullopt, c);
    double loss = objective.delta_ms(without, chosen);
    bool earns = loss > std::max(options.min_benefit_ms, 0.0) &&
                 pays_for_size(loss, objective.size_bytes(chosen) - objective.size_bytes(without), options) &&
                 improves_enough(objective, c, without, chosen, options);
    if ((over_count || !earns) && (!worst || loss < worst_loss)) {
      worst = c;
      worst_loss = loss;
    }
  }
  return worst;
}

}  // namespace

std::optional<Selection> extend_seeded(WorkloadObjective& objective, const std::vector<const QueryTemplate*>& templates,
                                       const SelectionOptions& options, size_t max_width) {
  if (options.budget_bytes <= 0 || templates.empty()) return std::nullopt;
  ReferenceInput input;
  for (size_t t = 0; t < templates.size(); ++t) {
    input.weights.push_back(objective.weight(t));
    input.columns.push_back(indexable_columns(*templates[t]));
    input.fingerprints.push_back(templates[t]->fingerprint);
  }
  input.budget_bytes = options.budget_bytes;
  input.max_width = max_width;
  ReferenceResult extend = extend_selection(objective.costs(), input);
  Configuration chosen;
  for (size_t c : extend.configuration) {
    IndexCandidate candidate = objective.costs().candidates()[c];
    chosen = changed(chosen, objective.add_candidate(std::move(candidate)), std::nullopt);
  }
  while (auto drop = weakest(objective, chosen, options, chosen.size() > options.max_indexes))
    chosen = changed(chosen, std::nullopt, *drop);
  return Selection{chosen, objective.net_ms(chosen), objective.size_bytes(chosen), "Extend"};
}

}  // namespace pgadvisor
