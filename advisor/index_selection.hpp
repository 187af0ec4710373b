// Workload-wide greedy index selection over what-if costs: each round evaluates every remaining
// candidate together with the indexes already chosen, and takes the one that saves the most
// planner cost weighted by calls (ties to the smaller index), until no candidate improves a
// template by the minimum share or the index limit is reached. Costs are planner units.
#pragma once

#include <string>
#include <vector>

#include "advisor/index_candidate.hpp"
#include "advisor/whatif.hpp"

namespace pgadvisor {

struct SelectionOptions {
  size_t max_indexes = 10;
  double min_improvement = 0.2;  // a template's cost must drop by at least this share
};

struct TemplateCost {
  std::string fingerprint;
  long long calls = 0;
  double cost_before = 0;  // with the indexes chosen before this one
  double cost_after = 0;
};

struct IndexProposal {
  IndexCandidate candidate;
  long long size_bytes = 0;
  std::vector<TemplateCost> templates;  // the templates it improves

  double weighted_cost_before() const;  // Σ calls × cost_before
  double weighted_cost_after() const;
};

std::vector<IndexProposal> select_indexes(WhatIf& whatif, const std::vector<const QueryTemplate*>& templates,
                                          std::vector<IndexCandidate> candidates, const SelectionOptions& options);

}  // namespace pgadvisor
