#include "advisor/selection/index_selection.hpp"

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

namespace pgadvisor {
namespace {

struct Move {
  Configuration next;
  double delta_ms = 0;
  long long size_delta = 0;
  size_t added = 0;
  std::optional<size_t> replaced;
};

bool within_limits(WorkloadObjective& objective, const Configuration& next, const SelectionOptions& options) {
  if (next.size() > options.max_indexes) return false;
  return options.budget_bytes <= 0 || objective.size_bytes(next) <= options.budget_bytes;
}

// A move's saving and whether it improves some template enough depend only on the templates
// its candidates help; they are remembered until one of those templates' configuration changes,
// so each round re-plans only what the last choice touched.
class MoveMemo {
 public:
  explicit MoveMemo(WorkloadObjective& objective) : objective_(objective) {}

  struct Value {
    double delta_ms = 0;
    bool improves = false;
  };

  Value get(const Configuration& current, const Configuration& next, size_t added, std::optional<size_t> replaced,
            const SelectionOptions& options) {
    auto key = std::make_pair(added, replaced.value_or(SIZE_MAX));
    auto found = memo_.find(key);
    if (found != memo_.end() && !stale(found->second.round, added, replaced)) return found->second.value;
    Value value{objective_.delta_ms(current, next), improves_enough(objective_, added, current, next, options)};
    memo_[key] = {round_, value};
    return value;
  }

  // After a move is applied: the templates its candidates help have a new configuration.
  void applied(size_t added, std::optional<size_t> replaced) {
    ++round_;
    for (size_t t : objective_.helped_templates(added)) changed_[t] = round_;
    if (replaced)
      for (size_t t : objective_.helped_templates(*replaced)) changed_[t] = round_;
  }

 private:
  bool stale(long round, size_t added, std::optional<size_t> replaced) const {
    auto changed_since = [&](size_t c) {
      for (size_t t : objective_.helped_templates(c)) {
        auto it = changed_.find(t);
        if (it != changed_.end() && it->second > round) return true;
      }
      return false;
    };
    return changed_since(added) || (replaced && changed_since(*replaced));
  }

  struct Entry {
    long round = 0;
    Value value;
  };
  WorkloadObjective& objective_;
  long round_ = 0;
  std::map<std::pair<size_t, size_t>, Entry> memo_;
  std::map<size_t, long> changed_;  // template → round of its last change
};

std::optional<Move> evaluate(WorkloadObjective& objective, MoveMemo& memo, const Configuration& current,
                             size_t added, std::optional<size_t> replaced, const SelectionOptions& options) {
  Configuration next = changed(current, added, replaced);
  if (!within_limits(objective, next, options)) return std::nullopt;
  MoveMemo::Value value = memo.get(current, next, added, replaced, options);
  if (!value.improves || value.delta_ms <= std::max(options.min_benefit_ms, 0.0)) return std::nullopt;
  Move move{next, value.delta_ms, 0, added, replaced};
  move.size_delta = objective.size_bytes(next) - objective.size_bytes(current);
  if (!pays_for_size(move.delta_ms, move.size_delta, options)) return std::nullopt;
  return move;
}

}  // namespace

bool pays_for_size(double saved_ms, long long added_bytes, const SelectionOptions& options) {
  if (added_bytes <= 0) return true;
  const double mb = static_cast<double>(added_bytes) / 1e6;  // MB = 10^6 bytes, as everywhere
  if (saved_ms < options.min_saving_per_mb_ms * mb) return false;
  return !options.per_day || saved_ms * *options.per_day >= options.min_saving_per_mb_day_ms * mb;
}

namespace {

// Saving per byte^size_exponent: 0 ranks by saving, 1 by saving per byte.
double score(const Move& move, double size_exponent) {
  if (size_exponent == 0) return move.delta_ms;
  return move.delta_ms / std::pow(static_cast<double>(std::max<long long>(move.size_delta, 8192)), size_exponent);
}

// Scores within 1% of each other are a tie, which the smaller index wins: planner costs of two
// plans that both use an index differ by noise, not by anything a user would pay bytes for.
bool better(const Move& a, const Move& b, double size_exponent) {
  double sa = score(a, size_exponent), sb = score(b, size_exponent);
  if (std::abs(sa - sb) > 0.01 * std::max(std::abs(sa), std::abs(sb))) return sa > sb;
  return a.size_delta < b.size_delta;
}

// Removes chosen indexes whose removal loses (almost) nothing, worst first.
void drop_redundant(WorkloadObjective& objective, Configuration& chosen, const SelectionOptions& options) {
  for (bool removed = true; removed;) {
    removed = false;
    for (size_t c : chosen) {
      Configuration without = changed(chosen, std::nullopt, c);
      if (objective.delta_ms(chosen, without) >= -std::max(options.min_benefit_ms, 1e-9)) {
        chosen = without;
        removed = true;
        break;
      }
    }
  }
}

}  // namespace

Selection greedy_pass(WorkloadObjective& objective, const SelectionOptions& options, double size_exponent,
                      const Widening& widen) {
  const auto& candidates = objective.costs().candidates();
  Configuration chosen;
  MoveMemo memo(objective);
  std::set<size_t> widened;
  for (;;) {
    if (widen)
      for (size_t c : chosen)
        if (widened.insert(c).second)
          for (auto& wider : widen(c)) objective.add_candidate(std::move(wider));
    std::optional<Move> best;
    for (size_t c : objective.useful_candidates()) {
      if (std::binary_search(chosen.begin(), chosen.end(), c)) continue;
      std::vector<std::optional<size_t>> replacements = {std::nullopt};
      for (size_t i : chosen)
        if (widens(candidates[c], candidates[i])) replacements.push_back(i);
      for (const auto& replaced : replacements) {
        auto move = evaluate(objective, memo, chosen, c, replaced, options);
        if (move && (!best || better(*move, *best, size_exponent))) best = std::move(move);
      }
    }
    if (!best) break;
    chosen = best->next;
    memo.applied(best->added, best->replaced);
  }
  drop_redundant(objective, chosen, options);
  std::string method = size_exponent == 0   ? "greedy (benefit)"
                       : size_exponent == 1 ? "greedy (benefit per byte)"
                                            : fmt::format("greedy (benefit per byte^{:g})", size_exponent);
  return {chosen, objective.net_ms(chosen), objective.size_bytes(chosen), method};
}

bool widens(const IndexCandidate& wider, const IndexCandidate& narrower) {
  const IndexDefinition& w = wider.definition;
  const IndexDefinition& n = narrower.definition;
  if (w.qualified_table() != n.qualified_table() || w.where != n.where) return false;
  if (n.columns.size() > w.columns.size()) return false;
  if (!std::equal(n.columns.begin(), n.columns.end(), w.columns.begin())) return false;
  return w.columns.size() > n.columns.size() || w.include.size() > n.include.size();
}

bool improves_enough(WorkloadObjective& objective, size_t added, const Configuration& from, const Configuration& to,
                     const SelectionOptions& options) {
  CostSource& cache = objective.costs();
  for (size_t t : objective.helped_templates(added)) {
    double saved = objective.template_cost(t, from) - objective.template_cost(t, to);
    double saved_ms = saved * objective.ms_per_cost(t);
    bool large_enough = saved >= options.min_improvement * cache.base_cost(t) ||
                        saved_ms >= options.significant_call_saving_ms;
    if (large_enough && saved_ms >= options.min_call_saving_ms) return true;
  }
  return false;
}

Selection select_greedy(WorkloadObjective& objective, const SelectionOptions& options, const Widening& widen) {
  Selection by_benefit = greedy_pass(objective, options, 0, widen);
  Selection per_byte = greedy_pass(objective, options, 1, widen);
  bool leaner_is_enough = per_byte.net_ms >= options.lean_share * by_benefit.net_ms &&
                          per_byte.size_bytes <= by_benefit.size_bytes;
  return leaner_is_enough || per_byte.net_ms > by_benefit.net_ms ? per_byte : by_benefit;
}

}  // namespace pgadvisor
