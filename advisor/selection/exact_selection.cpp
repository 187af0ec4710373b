#include "advisor/selection/exact_selection.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <numeric>

namespace pgadvisor {
namespace {

struct State {
  long long size = 0;
  size_t count = 0;
  double net_ms = 0;
  Configuration chosen;
};

// Groups of useful candidates that share no helped template with another group.
// Only candidates that pass the greedy's thresholds on their own: its first step never takes
// another one either.
std::vector<std::vector<size_t>> independent_groups(WorkloadObjective& objective, const SelectionOptions& options,
                                                     const std::optional<std::vector<size_t>>& among) {
  std::vector<size_t> useful;
  for (size_t c : objective.useful_candidates())
    if ((!among || std::find(among->begin(), among->end(), c) != among->end()) &&objective.delta_ms({}, {c}) > options.min_benefit_ms && improves_enough(objective, c, {}, {c}, options) &&
        pays_for_size(objective.delta_ms({}, {c}), objective.size_bytes({c}), options))
      useful.push_back(c);
  std::vector<size_t> parent(useful.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  std::map<size_t, size_t> first_for_template;
  for (size_t i = 0; i < useful.size(); ++i)
    for (size_t t : objective.helped_templates(useful[i])) {
      auto [it, fresh] = first_for_template.emplace(t, i);
      if (!fresh) parent[find(i)] = find(it->second);
    }
  std::map<size_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < useful.size(); ++i) groups[find(i)].push_back(useful[i]);
  std::vector<std::vector<size_t>> out;
  for (auto& [root, members] : groups) out.push_back(std::move(members));
  return out;
}

// Keeps the states no other state beats on size, count and saving at once.
std::vector<State> pareto(std::vector<State> states) {
  std::sort(states.begin(), states.end(), [](const State& a, const State& b) {
    if (a.size != b.size) return a.size < b.size;
    if (a.count != b.count) return a.count < b.count;
    return a.net_ms > b.net_ms;
  });
  std::vector<State> front;
  std::vector<double> best_by_count;  // best saving kept so far with exactly that many indexes
  for (auto& state : states) {
    if (best_by_count.size() <= state.count) best_by_count.resize(state.count + 1, -1e300);
    double best_with_fewer = *std::max_element(best_by_count.begin(), best_by_count.begin() + static_cast<long>(state.count) + 1);
    if (best_with_fewer >= state.net_ms) continue;  // smaller or equal size and count, saves as much
    best_by_count[state.count] = std::max(best_by_count[state.count], state.net_ms);
    front.push_back(std::move(state));
  }
  return front;
}

bool fits(const State& state, const SelectionOptions& options) {
  return state.count <= options.max_indexes && (options.budget_bytes <= 0 || state.size <= options.budget_bytes);
}

std::vector<State> group_front(WorkloadObjective& objective, const std::vector<size_t>& group,
                               const SelectionOptions& options) {
  std::vector<State> states;
  for (unsigned long mask = 0; mask < (1ul << group.size()); ++mask) {
    State state;
    for (size_t i = 0; i < group.size(); ++i)
      if (mask & (1ul << i)) state.chosen.push_back(group[i]);
    std::sort(state.chosen.begin(), state.chosen.end());
    state.count = state.chosen.size();
    if (state.count > options.max_indexes) continue;
    state.size = objective.size_bytes(state.chosen);
    if (!fits(state, options)) continue;
    state.net_ms = objective.net_ms(state.chosen);
    states.push_back(std::move(state));
  }
  return pareto(std::move(states));
}

}  // namespace

std::optional<Selection> select_exact(WorkloadObjective& objective, const SelectionOptions& options,
                                      std::string& refusal, const ExactLimits& limits) {
  std::vector<State> combined{State{}};
  for (const auto& group : independent_groups(objective, options, limits.among)) {
    if (group.size() > limits.max_group) {
      refusal = fmt::format("a group of {} interacting candidates (the exact search takes at most {}):", group.size(),
                            limits.max_group);
      for (size_t c : group) refusal += " " + objective.costs().candidates()[c].key() + ";";
      return std::nullopt;
    }
    std::vector<State> front = group_front(objective, group, options), next;
    for (const auto& left : combined)
      for (const auto& right : front) {
        State merged{left.size + right.size, left.count + right.count, left.net_ms + right.net_ms, left.chosen};
        if (!fits(merged, options)) continue;
        merged.chosen.insert(merged.chosen.end(), right.chosen.begin(), right.chosen.end());
        next.push_back(std::move(merged));
      }
    combined = pareto(std::move(next));
    if (combined.size() > limits.max_states) {
      refusal = fmt::format("more than {} configurations on the Pareto front", limits.max_states);
      return std::nullopt;
    }
  }
  const State& best = *std::max_element(combined.begin(), combined.end(),
                                        [](const State& a, const State& b) { return a.net_ms < b.net_ms; });
  Configuration chosen = best.chosen;
  std::sort(chosen.begin(), chosen.end());
  return Selection{chosen, best.net_ms, best.size, "exact"};
}

}  // namespace pgadvisor
