#include "advisor/selection/reference/relaxation_selection.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>

namespace pgadvisor {
namespace {

using Columns = std::vector<std::string>;

// Every ordered choice of 1..max_width columns of `columns` (permutations, as the platform's BFI).
void permutations(const Columns& columns, size_t max_width, Columns& prefix, std::vector<Columns>& out) {
  if (!prefix.empty()) out.push_back(prefix);
  if (prefix.size() == max_width) return;
  for (const auto& column : columns) {
    if (std::count(prefix.begin(), prefix.end(), column)) continue;
    prefix.push_back(column);
    permutations(columns, max_width, prefix, out);
    prefix.pop_back();
  }
}

// The indexes the templates' plans use with all their syntactically relevant indexes present.
std::set<size_t> utilized_indexes(WorkloadCosts& workload, const ReferenceInput& input) {
  CostSource& costs = workload.source();
  std::set<size_t> used;
  for (size_t t = 0; t < costs.template_count() && t < input.columns.size(); ++t) {
    std::vector<size_t> relevant;
    for (const auto& [table, columns] : input.columns[t]) {
      std::vector<Columns> choices;
      Columns prefix;
      permutations(columns, input.max_width, prefix, choices);
      for (const auto& choice : choices) relevant.push_back(costs.add_candidate(reference_index(table, choice, input)));
    }
    if (relevant.empty()) continue;
    for (size_t candidate : workload.used_by_plan(t, sorted_configuration(relevant)))
      if (costs.size_bytes(candidate) > 0) used.insert(candidate);
  }
  return used;
}

struct Relaxed {
  std::set<size_t> configuration;
  long long savings = 0;  // bytes
};

class Relaxations {
 public:
  Relaxations(CostSource& costs, const ReferenceInput& input) : costs_(costs), input_(input) {}

  // Calls `visit` with each relaxation of `from`, in the platform's order of transformations.
  void each(const std::set<size_t>& from, const std::function<void(const Relaxed&)>& visit) {
    std::vector<size_t> indexes(from.begin(), from.end());
    for (size_t a : indexes)  // splitting
      for (size_t b : indexes)
        if (a != b && same_table(a, b)) split(from, a, b, visit);
    for (size_t a : indexes)  // merging
      for (size_t b : indexes)
        if (a != b && same_table(a, b)) merge(from, a, b, visit);
    for (size_t a : indexes) {  // prefixing
      Columns columns = index_columns(costs_.candidates()[a]);
      for (size_t width = columns.size() - 1; width >= 1; --width)
        replace(from, {a}, {Columns(columns.begin(), columns.begin() + static_cast<long>(width))}, a, visit);
    }
    for (size_t a : indexes) replace(from, {a}, {}, a, visit);  // removal
  }

 private:
  bool same_table(size_t a, size_t b) const {
    return costs_.candidates()[a].definition.qualified_table() == costs_.candidates()[b].definition.qualified_table();
  }

  // `from` without `removed`, with indexes on `on`'s table over each of `added` (when new to it).
  void replace(const std::set<size_t>& from, const std::vector<size_t>& removed, const std::vector<Columns>& added,
               size_t on, const std::function<void(const Relaxed&)>& visit) {
    Relaxed relaxed{from, 0};
    for (size_t index : removed) {
      relaxed.configuration.erase(index);
      relaxed.savings += costs_.size_bytes(index);
    }
    std::string table = costs_.candidates()[on].definition.qualified_table();
    for (const auto& columns : added) {
      size_t index = costs_.add_candidate(reference_index(table, columns, input_));
      if (costs_.size_bytes(index) == 0) return;  // hypopg refuses it
      if (relaxed.configuration.insert(index).second) relaxed.savings -= costs_.size_bytes(index);
    }
    visit(relaxed);
  }

  void split(const std::set<size_t>& from, size_t a, size_t b, const std::function<void(const Relaxed&)>& visit) {
    Columns first = index_columns(costs_.candidates()[a]), second = index_columns(costs_.candidates()[b]);
    Columns common, first_rest, second_rest;
    for (const auto& column : first)
      (std::count(second.begin(), second.end(), column) ? common : first_rest).push_back(column);
    for (const auto& column : second)
      if (!std::count(first.begin(), first.end(), column)) second_rest.push_back(column);
    if (common.empty()) return;
    std::vector<Columns> added{common};
    if (!first_rest.empty()) added.push_back(first_rest);
    if (!second_rest.empty()) added.push_back(second_rest);
    replace(from, {a, b}, added, a, visit);
  }

  void merge(const std::set<size_t>& from, size_t a, size_t b, const std::function<void(const Relaxed&)>& visit) {
    Columns merged = index_columns(costs_.candidates()[a]);
    for (const auto& column : index_columns(costs_.candidates()[b]))
      if (!std::count(merged.begin(), merged.end(), column)) merged.push_back(column);
    if (merged.size() > input_.max_width) merged.resize(input_.max_width);
    replace(from, {a, b}, {merged}, a, visit);
  }

  CostSource& costs_;
  const ReferenceInput& input_;
};

}  // namespace

ReferenceResult relaxation_selection(CostSource& costs, const ReferenceInput& input) {
  WorkloadCosts workload(costs, input.weights);
  std::set<size_t> current = utilized_indexes(workload, input);
  workload.move_to(sorted_configuration({current.begin(), current.end()}));
  long long size = configuration_size(costs, workload.current());
  Relaxations relaxations(costs, input);

  while (size > input.budget_bytes && !current.empty()) {
    std::optional<Relaxed> best;
    double best_penalty = 0;
    relaxations.each(current, [&](const Relaxed& relaxed) {
      if (relaxed.savings <= 0) return;  // it must shrink the configuration, for the search to end
      double increase = workload.total_of(sorted_configuration({relaxed.configuration.begin(), relaxed.configuration.end()})) -
                        workload.total();
      long long needed = std::min(relaxed.savings, size - input.budget_bytes);
      double penalty = increase < 0 ? increase * static_cast<double>(relaxed.savings)
                                    : increase / static_cast<double>(needed);
      if (!best || penalty < best_penalty) {
        best = relaxed;
        best_penalty = penalty;
      }
    });
    if (!best) break;
    current = best->configuration;
    workload.move_to(sorted_configuration({current.begin(), current.end()}));
    size = configuration_size(costs, workload.current());
  }

  ReferenceResult result;
  result.configuration = workload.current();
  result.cost = workload.total();
  result.size_bytes = size;
  result.cost_requests = workload.requests();
  return result;
}

}  // namespace pgadvisor
