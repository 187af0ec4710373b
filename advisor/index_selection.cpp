#include "advisor/index_selection.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace pgadvisor {
namespace {

using CostMap = std::map<std::string, double>;  // fingerprint → planner cost

struct Evaluation {
  size_t candidate = 0;
  long long size_bytes = 0;
  double benefit = 0;      // Σ calls × cost saved, against the current costs
  bool improves = false;   // saves at least the minimum share of some template's original cost
  CostMap costs_after;     // every template on the table
};

bool touches(const QueryTemplate& tmpl, const std::string& table) {
  auto tables = tmpl.facts.table_names();
  return std::find(tables.begin(), tables.end(), table) != tables.end();
}

Evaluation evaluate(WhatIf& whatif, const IndexCandidate& candidate, size_t index,
                    const std::vector<const QueryTemplate*>& templates, const CostMap& baseline,
                    const CostMap& current, const SelectionOptions& options) {
  Evaluation evaluation;
  evaluation.candidate = index;
  std::string oid = whatif.create(candidate);
  try {
    evaluation.size_bytes = whatif.size_bytes(oid);
    for (const QueryTemplate* tmpl : templates) {
      if (!touches(*tmpl, candidate.definition.table)) continue;
      double before = current.at(tmpl->fingerprint);
      double after = std::min(before, whatif.cost(*tmpl));
      evaluation.costs_after[tmpl->fingerprint] = after;
      evaluation.benefit += static_cast<double>(tmpl->calls) * (before - after);
      if (before - after >= options.min_improvement * baseline.at(tmpl->fingerprint)) evaluation.improves = true;
    }
  } catch (...) {
    whatif.drop(oid);
    throw;
  }
  whatif.drop(oid);
  return evaluation;
}

bool better(const Evaluation& a, const Evaluation& b) {
  if (a.benefit != b.benefit) return a.benefit > b.benefit;
  return a.size_bytes < b.size_bytes;
}

// With every chosen index in place, which templates does each one's plan use it for? An index
// that a later choice made useless serves none and is dropped.
std::vector<IndexProposal> attribute(WhatIf& whatif, const std::vector<const QueryTemplate*>& templates,
                                     std::vector<IndexProposal> chosen, const std::vector<std::string>& oids,
                                     const CostMap& baseline) {
  for (const QueryTemplate* tmpl : templates) {
    WhatIf::PlanCost final_plan = whatif.plan_cost(*tmpl);
    for (const auto& index_name : final_plan.indexes) {
      auto found = std::find(oids.begin(), oids.end(), WhatIf::oid_of_index_name(index_name));
      if (found == oids.end()) continue;
      auto& served = chosen[static_cast<size_t>(found - oids.begin())].templates;
      bool listed = std::any_of(served.begin(), served.end(), [&](const TemplateCost& t) { return t.fingerprint == tmpl->fingerprint; });
      if (!listed) served.push_back({tmpl->fingerprint, tmpl->calls, baseline.at(tmpl->fingerprint), final_plan.cost});
    }
  }
  chosen.erase(std::remove_if(chosen.begin(), chosen.end(), [](const IndexProposal& p) { return p.templates.empty(); }),
               chosen.end());
  return chosen;
}

}  // namespace

double IndexProposal::weighted_cost_before() const {
  double total = 0;
  for (const auto& t : templates) total += static_cast<double>(t.calls) * t.cost_before;
  return total;
}

double IndexProposal::weighted_cost_after() const {
  double total = 0;
  for (const auto& t : templates) total += static_cast<double>(t.calls) * t.cost_after;
  return total;
}

std::vector<IndexProposal> select_indexes(WhatIf& whatif, const std::vector<const QueryTemplate*>& templates,
                                          std::vector<IndexCandidate> candidates, const SelectionOptions& options) {
  CostMap baseline;
  for (const QueryTemplate* tmpl : templates) baseline[tmpl->fingerprint] = whatif.cost(*tmpl);
  CostMap current = baseline;

  std::vector<IndexProposal> chosen;
  std::vector<std::string> oids;
  std::vector<bool> alive(candidates.size(), true);
  while (chosen.size() < options.max_indexes) {
    std::optional<Evaluation> best;
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (!alive[i]) continue;
      Evaluation evaluation;
      try {
        evaluation = evaluate(whatif, candidates[i], i, templates, baseline, current, options);
      } catch (const DatabaseError&) {
        evaluation.improves = false;  // hypopg or the planner refused it: not a usable index
      }
      if (!evaluation.improves || evaluation.benefit <= 0) {
        alive[i] = false;  // with more indexes in place it can only help less
        continue;
      }
      if (!best || better(evaluation, *best)) best = std::move(evaluation);
    }
    if (!best) break;
    alive[best->candidate] = false;
    oids.push_back(whatif.create(candidates[best->candidate]));  // stays for the next rounds
    for (const auto& [fingerprint, cost] : best->costs_after) current[fingerprint] = cost;
    chosen.push_back({candidates[best->candidate], best->size_bytes, {}});
  }
  return attribute(whatif, templates, std::move(chosen), oids, baseline);
}

}  // namespace pgadvisor
