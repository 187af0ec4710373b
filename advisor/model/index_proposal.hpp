// IndexProposal: one index the advisor proposes, with its evidence — the templates whose
// what-if plan uses it, their plans and planner costs before and after, the time it saves and
// the write time it costs over the log, its estimated size, and (after --verify) the measured
// times. SelectionSummary: how the proposals were chosen and what they add up to. Plain data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "advisor/candidates/index_candidate.hpp"
#include "advisor/whatif/whatif_cache.hpp"

namespace pgadvisor {

struct TemplateEffect {
  std::string fingerprint;
  long long calls = 0;
  double cost_before = 0;  // planner cost with none of the proposals
  double cost_after = 0;   // with all of them
  std::string plan_before, plan_after;  // one-line what-if plans
  double saved_ms = 0;     // over the log: calls × ms per cost × cost saved
  bool measured_scale = true;  // false: its ms per cost was borrowed from other templates
  std::optional<double> verified_before_ms, verified_after_ms;  // --verify: median EXPLAIN ANALYZE
  std::string verified_plan_after;
};

struct IndexProposal {
  IndexCandidate candidate;
  long long size_bytes = 0;
  double saved_ms = 0;  // its share of its templates' savings, over the log
  double write_ms = 0;  // write penalty over the log
  std::vector<TemplateEffect> templates;

  double weighted_cost_before() const;  // Σ calls × cost_before
  double weighted_cost_after() const;
};

struct SelectionSummary {
  std::string method;
  std::string weigh_by = "time";  // "time" or "cost" (--weigh-by)
  size_t max_indexes = 0;
  long long budget_bytes = 0;  // 0: none
  long long total_size_bytes = 0;
  double net_ms = 0;           // saved minus write cost, over the log
  double min_benefit_ms = 0;      // what a move had to save over the log
  double min_call_saving_ms = 0;  // ... and per call of some template
  double min_improvement = 0;     // ... and this share of that template's cost
  double significant_call_saving_ms = 0;  // ... or this much per call
  double min_saving_per_mb_ms = 0;                  // ... and this much per MB of its size
  std::optional<double> min_saving_per_mb_day_ms;  // ... and this much a day per MB (span known)
  std::optional<double> per_day;  // multiplier from per-log to per-day figures
  std::optional<double> exact_net_ms;
  std::optional<double> greedy_to_exact;  // net_ms / exact_net_ms (1 when both are 0)
  std::string exact_note;                 // why the exact search did not run
  std::string unavailable;                // why no index advice could be computed (hypopg, ...); empty when it ran
  bool hypopg_missing = false;            // ... because hypopg is not installed and could not be created
  long long candidates = 0;               // after dropping those existing indexes serve
  long long useful_candidates = 0;        // lower some template's cost on their own
  WhatIfStats whatif;
  double seconds = 0;                     // the advisor's own runtime
};

struct VerificationSummary {
  bool ran = false;
  std::string note;  // why it did not run, or what limited it
  double before_ms = 0, after_ms = 0;                    // Σ median over the verified templates
  double weighted_before_ms = 0, weighted_after_ms = 0;  // Σ calls × median
  long long created_size_bytes = 0;                      // real size of the created indexes
  size_t templates = 0;
  // The whole log: Σ calls × replayed time of every template with one, before and after.
  double log_before_ms = 0, log_after_ms = 0;
  bool log_before_is_lower_bound = false, log_after_is_lower_bound = false;
  size_t log_templates = 0;
  size_t rewrites_applied = 0;
};

}  // namespace pgadvisor
