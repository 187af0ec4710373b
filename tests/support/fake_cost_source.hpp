// FakeCostSource: a CostSource from a table in memory, for unit tests of index selection. Each
// template has a base cost; each candidate a table, columns, size and the cost it gives some
// templates on its own. A configuration's cost is the lowest of its candidates' solo costs
// (an index helps or it does not; several do not add up), unless the test sets the exact cost
// of a configuration (interactions: two indexes that only together allow a better plan). Every
// candidate may serve every template it has a solo cost for. Counts cost requests. A candidate
// added through CostSource::add_candidate that the test did not register helps nothing.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "advisor/whatif/cost_source.hpp"

namespace pgadvisor::testing {

class FakeCostSource : public CostSource {
 public:
  size_t add_template(double base_cost) {
    base_.push_back(base_cost);
    return base_.size() - 1;
  }

  // A btree on `table (columns...) INCLUDE (include...)` of `size_bytes`.
  size_t add_candidate(const std::string& table, const std::vector<std::string>& columns, long long size_bytes,
                       const std::vector<std::string>& include = {}) {
    IndexCandidate candidate;
    candidate.definition.table = table;
    for (const auto& column : columns) candidate.definition.columns.push_back({column});
    candidate.definition.include = include;
    candidates_.push_back(candidate);
    sizes_.push_back(size_bytes);
    usable_.push_back(true);
    serves_.emplace_back();
    return candidates_.size() - 1;
  }

  // CostSource::add_candidate: the registered candidate of the same key, else a new one that
  // helps nothing (size `kUnregisteredSize`).
  size_t add_candidate(IndexCandidate candidate) override {
    for (size_t c = 0; c < candidates_.size(); ++c)
      if (candidates_[c].key() == candidate.key()) return c;
    candidates_.push_back(std::move(candidate));
    sizes_.push_back(kUnregisteredSize);
    usable_.push_back(true);
    serves_.emplace_back();
    return candidates_.size() - 1;
  }
  static constexpr long long kUnregisteredSize = 1000;

  // Template `tmpl` costs `cost` with candidate `candidate` alone.
  void helps(size_t candidate, size_t tmpl, double cost) {
    solo_[{tmpl, candidate}] = cost;
    auto& served = serves_[candidate];
    if (std::find(served.begin(), served.end(), tmpl) == served.end()) served.push_back(tmpl);
  }
  // Template `tmpl` costs exactly `cost` under `configuration` (sorted).
  void costs_exactly(size_t tmpl, Configuration configuration, double cost) {
    exact_[{tmpl, std::move(configuration)}] = cost;
  }
  void refuse(size_t candidate) { usable_[candidate] = false; }

  size_t template_count() const override { return base_.size(); }
  const std::vector<IndexCandidate>& candidates() const override { return candidates_; }
  double cost(size_t tmpl, const Configuration& configuration) override {
    ++requests_;
    Configuration relevant;
    for (size_t c : configuration)
      if (usable_[c] && solo_.count({tmpl, c})) relevant.push_back(c);
    if (auto found = exact_.find({tmpl, relevant}); found != exact_.end()) return found->second;
    double best = base_[tmpl];
    for (size_t c : relevant) best = std::min(best, solo_.at({tmpl, c}));
    return best;
  }
  // The relevant candidates when the test set the configuration's exact cost, else the one of
  // lowest solo cost below the base cost (none when none helps).
  std::vector<size_t> used_by_plan(size_t tmpl, const Configuration& configuration) override {
    Configuration relevant;
    for (size_t c : configuration)
      if (usable_[c] && solo_.count({tmpl, c})) relevant.push_back(c);
    if (exact_.count({tmpl, relevant})) return relevant;
    std::vector<size_t> used;
    double best = base_[tmpl];
    for (size_t c : relevant)
      if (solo_.at({tmpl, c}) < best) {
        best = solo_.at({tmpl, c});
        used = {c};
      }
    return used;
  }
  bool usable(size_t candidate) override { return usable_[candidate]; }
  long long size_bytes(size_t candidate) override { return usable_[candidate] ? sizes_[candidate] : 0; }
  const std::vector<size_t>& templates_on_table_of(size_t candidate) const override { return serves_[candidate]; }

  long long requests() const { return requests_; }

 private:
  std::vector<double> base_;
  std::vector<IndexCandidate> candidates_;
  std::vector<long long> sizes_;
  std::vector<bool> usable_;
  std::vector<std::vector<size_t>> serves_;
  std::map<std::pair<size_t, size_t>, double> solo_;
  std::map<std::pair<size_t, Configuration>, double> exact_;
  long long requests_ = 0;
};

}  // namespace pgadvisor::testing
