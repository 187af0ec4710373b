// CostSource: the seam under index selection. Selection asks a few things of the database — a
// template's planner cost under a configuration of candidate indexes (and which of them its
// plan uses), a candidate's size, whether a candidate can be built at all, and which templates
// may use it — and may add candidates (the reference algorithms widen them); nothing else.
// WhatIfCache answers them with hypopg and EXPLAIN; tests answer them from a table in memory
// (tests/support/fake_cost_source.hpp), so greedy and exact selection are tested against known
// optima without a server.
#pragma once

#include <cstddef>
#include <vector>

#include "advisor/candidates/index_candidate.hpp"

namespace pgadvisor {

using Configuration = std::vector<size_t>;  // candidate indexes, sorted, no duplicates

class CostSource {
 public:
  virtual ~CostSource() = default;

  virtual size_t template_count() const = 0;
  virtual const std::vector<IndexCandidate>& candidates() const = 0;
  // Planner cost of template `tmpl` with exactly `configuration`'s candidates present.
  virtual double cost(size_t tmpl, const Configuration& configuration) = 0;
  double base_cost(size_t tmpl) { return cost(tmpl, {}); }
  virtual bool usable(size_t candidate) = 0;           // the index can be built
  virtual long long size_bytes(size_t candidate) = 0;  // estimated; 0 when unusable
  // The templates candidate `candidate` may serve (it reads the candidate's table and can reach it).
  virtual const std::vector<size_t>& templates_on_table_of(size_t candidate) const = 0;
  // The index of a candidate with `candidate`'s key(), appended first when there is none (the
  // reference algorithms build wider candidates as they go).
  virtual size_t add_candidate(IndexCandidate candidate) = 0;
  // The candidates of `configuration` that template `tmpl`'s plan uses under it.
  virtual std::vector<size_t> used_by_plan(size_t tmpl, const Configuration& configuration) = 0;
};

}  // namespace pgadvisor
