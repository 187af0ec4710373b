#include "advisor/whatif/workload_objective.hpp"

#include <algorithm>
#include <set>

namespace pgadvisor {

Configuration changed(Configuration configuration, std::optional<size_t> add, std::optional<size_t> remove) {
  if (remove) configuration.erase(std::remove(configuration.begin(), configuration.end(), *remove), configuration.end());
  if (add && !std::binary_search(configuration.begin(), configuration.end(), *add))
    configuration.insert(std::upper_bound(configuration.begin(), configuration.end(), *add), *add);
  return configuration;
}

WorkloadObjective::WorkloadObjective(CostSource& cache, const std::vector<double>& calls,
                                     std::vector<double> ms_per_cost, std::vector<double> write_ms)
    : cache_(cache), ms_per_cost_(std::move(ms_per_cost)), write_ms_(std::move(write_ms)) {
  for (size_t t = 0; t < calls.size(); ++t) weights_.push_back(calls[t] * ms_per_cost_[t]);
  size_t templates = cache_.template_count(), candidates = cache_.candidates().size();
  helped_.resize(candidates);
  helps_.assign(templates, std::vector<bool>(candidates, false));
  for (size_t c = 0; c < candidates; ++c) link(c);
}

void WorkloadObjective::link(size_t c) {
  if (!cache_.usable(c)) return;
  for (size_t t : cache_.templates_on_table_of(c)) {
    double base = cache_.base_cost(t);
    if (cache_.cost(t, {c}) < base - 1e-9 * std::max(1.0, base)) {
      helped_[c].push_back(t);
      helps_[t][c] = true;
    }
  }
  if (pairs_) link_pair(c);
  if (!helped_[c].empty()) useful_.push_back(c);
}

void WorkloadObjective::link_pair(size_t c) {
  for (size_t t : cache_.templates_on_table_of(c)) {
    if (helps_[t][c] || !best_alone_[t] || *best_alone_[t] == c) continue;
    Configuration best{*best_alone_[t]};
    double with_best = cache_.cost(t, best);
    if (cache_.cost(t, changed(best, c, std::nullopt)) < with_best - 1e-6 * std::max(1.0, with_best)) {
      helped_[c].push_back(t);
      helps_[t][c] = true;
    }
  }
}

void WorkloadObjective::link_pairs() {
  if (pairs_) return;
  pairs_ = true;
  best_alone_.assign(cache_.template_count(), std::nullopt);
  std::vector<double> lowest(cache_.template_count(), 0);
  for (size_t c : useful_)
    for (size_t t : helped_[c]) {
      double cost = cache_.cost(t, {c});
      if (!best_alone_[t] || cost < lowest[t]) best_alone_[t] = c, lowest[t] = cost;
    }
  for (size_t c = 0; c < helped_.size(); ++c) {
    if (!cache_.usable(c)) continue;
    bool was_useful = !helped_[c].empty();
    link_pair(c);
    if (!was_useful && !helped_[c].empty()) useful_.push_back(c);
  }
}

size_t WorkloadObjective::add_candidate(IndexCandidate candidate) {
  size_t c = cache_.add_candidate(std::move(candidate));
  size_t known = helped_.size();
  if (c < known) return c;
  helped_.resize(c + 1);
  write_ms_.resize(c + 1, 0.0);
  for (auto& row : helps_) row.resize(c + 1, false);
  for (size_t k = known; k <= c; ++k) {
    if (penalty_) write_ms_[k] = penalty_(cache_.candidates()[k]);
    link(k);
  }
  return c;
}

Configuration WorkloadObjective::for_template(size_t tmpl, const Configuration& configuration) const {
  Configuration subset;
  for (size_t c : configuration)
    if (helps_[tmpl][c]) subset.push_back(c);
  return subset;
}

double WorkloadObjective::template_cost(size_t tmpl, const Configuration& configuration) {
  double base = cache_.base_cost(tmpl);
  Configuration subset = for_template(tmpl, configuration);
  return subset.empty() ? base : std::min(base, cache_.cost(tmpl, subset));
}

double WorkloadObjective::query_saving_ms(size_t tmpl, const Configuration& configuration) {
  return weights_[tmpl] * (cache_.base_cost(tmpl) - template_cost(tmpl, configuration));
}

double WorkloadObjective::net_ms(const Configuration& configuration) {
  std::set<size_t> templates;
  for (size_t c : configuration) templates.insert(helped_[c].begin(), helped_[c].end());
  double total = 0;
  for (size_t t : templates) total += query_saving_ms(t, configuration);
  for (size_t c : configuration) total -= write_ms_[c];
  return total;
}

double WorkloadObjective::delta_ms(const Configuration& from, const Configuration& to) {
  std::set<size_t> changed_candidates;
  std::set_symmetric_difference(from.begin(), from.end(), to.begin(), to.end(),
                                std::inserter(changed_candidates, changed_candidates.end()));
  std::set<size_t> templates;
  double delta = 0;
  for (size_t c : changed_candidates) {
    templates.insert(helped_[c].begin(), helped_[c].end());
    delta += std::binary_search(to.begin(), to.end(), c) ? -write_ms_[c] : write_ms_[c];
  }
  for (size_t t : templates) delta += weights_[t] * (template_cost(t, from) - template_cost(t, to));
  return delta;
}

long long WorkloadObjective::size_bytes(const Configuration& configuration) {
  long long total = 0;
  for (size_t c : configuration) total += cache_.size_bytes(c);
  return total;
}

}  // namespace pgadvisor
