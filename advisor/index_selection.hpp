// Workload-wide greedy index selection over what-if costs: each round evaluates every remaining
// candidate together with the indexes already chosen, and takes the one that saves the most
// planner cost weighted by calls (ties to the smaller index), until no candidate removes the
// minimum share of some template's original cost or the index limit is reached. Then, with all
// chosen indexes in place, each template's plan tells which index serves it; an index no plan
// uses any more is dropped. Costs are planner units.
#pragma once

#include <string>
#include <vector>

#include "advisor/index_candidate.hpp"
#include "advisor/whatif.hpp"

namespace pgadvisor {

struct SelectionOptions {
  size_t max_indexes = 10;
  double min_improvement = 0.2;  // share of a template's original cost an index must remove
};

struct TemplateCost {
  std::string fingerprint;
  long long calls = 0;
  double cost_before = 0;  // with none of the proposed indexes
  double cost_after = 0;   // with all of them
};

struct IndexProposal {
  IndexCandidate candidate;
  long long size_bytes = 0;
  std::vector<TemplateCost> templates;  // the templates whose final plan uses it

  double weighted_cost_before() const;  // Σ calls × cost_before
  double weighted_cost_after() const;
};

std::vector<IndexProposal> select_indexes(WhatIf& whatif, const std::vector<const QueryTemplate*>& templates,
                                          std::vector<IndexCandidate> candidates, const SelectionOptions& options);

}  // namespace pgadvisor
