// Internal to advisor/plan_findings: the analyzed plan of one template walked once, with what
// each node's place says about its numbers, the helpers the detectors share (worst node of a
// kind, severity, per-loop totals) and the findings they add. One detector per kind.
#pragma once

#include <string>
#include <vector>

#include "advisor/findings/plan_findings.hpp"
#include "advisor/findings/plan_findings_fixes.hpp"

namespace pgadvisor::plan_detect {

struct Visit {
  const PlanNode* node = nullptr;
  bool cut_short = false;  // a Limit above may stop it early (no Sort, Hash, ... in between)
  bool parallel = false;   // under Gather: per-loop times are one participant's, not summed
};

inline double loops(const PlanNode& node) { return node.actual_loops.value_or(1); }
inline double total_rows(const PlanNode& node) { return node.actual_rows.value_or(0) * loops(node); }
double round_to(double value, int decimals);
// A row or loop count for the evidence (per-loop averages times loops are nearly whole).
inline long long count(double value) { return static_cast<long long>(value + (value < 0 ? -0.5 : 0.5)); }

class PlanContext {
 public:
  PlanContext(const QueryTemplate& tmpl, const Plan& plan, const PlanFindingOptions& options);

  const QueryTemplate& tmpl;
  const Plan& plan;
  const PlanFindingOptions& options;
  std::vector<Visit> visits;  // depth first, root first
  double plan_ms = 0;         // execution time of the replayed run
  std::vector<Finding> findings;

  // The node's time with its inputs, summed over its loops (one participant's, under Gather).
  double node_ms(const Visit& visit) const;
  // High when the template takes long over the log or the node a large share of the plan.
  Severity severity(double node_time_ms) const;
  void add(FindingKind kind, Severity severity, std::string summary, nlohmann::json evidence,
           plan_fixes::Fix fix);

  // The visit with the largest score (only scores > 0 count); nullptr if none. On a tie the
  // first, depth first, or with `deepest` the last (the node an inherited number comes from).
  template <typename Score>
  const Visit* worst(Score score, bool deepest = false) const {
    const Visit* best = nullptr;
    double best_score = 0;
    for (const auto& visit : visits) {
      double value = score(visit);
      if (value > best_score || (deepest && best && value == best_score)) best = &visit, best_score = value;
    }
    return best;
  }
};

void disk_sort(PlanContext& context);
void hash_spill(PlanContext& context);
void misestimate(PlanContext& context);
void filter_discards(PlanContext& context);
void nested_loop_loops(PlanContext& context);
void seq_scan_large_frequent(PlanContext& context);
void unbounded_result(PlanContext& context);

}  // namespace pgadvisor::plan_detect
