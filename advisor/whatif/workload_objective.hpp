// WorkloadObjective: what a configuration of candidate indexes is worth over the whole log, in
// milliseconds: Σ over templates of calls × ms-per-cost × (cost without − cost with), minus the
// write penalty of each index. Costs come from a CostSource (the WhatIfCache, or a test's fake);
// a candidate counts for a template only when it lowers that template's cost on its own (found
// by one solo what-if plan per template and candidate), which keeps the cache keys, and the
// exact search, small. Both
// the greedy and the exact selection score configurations here, so their results compare.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "advisor/whatif/cost_source.hpp"

namespace pgadvisor {

class WorkloadObjective {
 public:
  // Template t runs calls[t] times at ms_per_cost[t]; write_ms[c] = write penalty of candidate c.
  WorkloadObjective(CostSource& costs, const std::vector<double>& calls, std::vector<double> ms_per_cost,
                    std::vector<double> write_ms);

  CostSource& costs() { return cache_; }
  // A candidate made during the search (a chosen index widened by a column): added to the cost
  // source (or found there by its key), weighed like the others, its write penalty from
  // set_write_penalty's function (0 without one). Returns its index.
  size_t add_candidate(IndexCandidate candidate);
  void set_write_penalty(std::function<double(const IndexCandidate&)> penalty) { penalty_ = std::move(penalty); }
  // Candidates that are usable and lower some template's cost on their own.
  const std::vector<size_t>& useful_candidates() const { return useful_; }
  // The templates candidate c lowers on its own (and, after link_pairs(), beside the best one).
  const std::vector<size_t>& helped_templates(size_t candidate) const { return helped_[candidate]; }
  // From now on a candidate also counts for a template it may serve when it lowers that
  // template's cost beside the candidate that lowers it most on its own, though not alone: the
  // second lookup of a nested loop (TPC-H's Q21 gets cheaper with orders (o_orderkey) only once
  // lineitem (l_orderkey) exists). One what-if plan per such pair; used under a size budget.
  void link_pairs();

  double template_cost(size_t tmpl, const Configuration& configuration);
  double query_saving_ms(size_t tmpl, const Configuration& configuration);
  double net_ms(const Configuration& configuration);  // all templates
  // net_ms(to) − net_ms(from), evaluated only on the templates the changed candidates help.
  double delta_ms(const Configuration& from, const Configuration& to);
  double write_ms(size_t candidate) const { return write_ms_[candidate]; }
  long long size_bytes(const Configuration& configuration);
  double weight(size_t tmpl) const { return weights_[tmpl]; }
  double ms_per_cost(size_t tmpl) const { return ms_per_cost_[tmpl]; }

 private:
  Configuration for_template(size_t tmpl, const Configuration& configuration) const;
  void link(size_t candidate);  // which templates it lowers on its own
  void link_pair(size_t candidate);  // ... or beside each template's best
  bool pairs_ = false;
  std::vector<std::optional<size_t>> best_alone_;  // template → the candidate lowering it most alone

  CostSource& cache_;
  std::vector<double> weights_, ms_per_cost_, write_ms_;
  std::vector<size_t> useful_;
  std::vector<std::vector<size_t>> helped_;       // candidate → templates
  std::vector<std::vector<bool>> helps_;          // template → candidate → lowers it alone
  std::function<double(const IndexCandidate&)> penalty_;
};

// `configuration` with `add` inserted and `remove` taken out, kept sorted.
Configuration changed(Configuration configuration, std::optional<size_t> add, std::optional<size_t> remove);

}  // namespace pgadvisor
