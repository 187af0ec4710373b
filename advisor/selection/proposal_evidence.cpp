#include "advisor/selection/proposal_evidence.hpp"

#include <algorithm>
#include <map>

namespace pgadvisor {

std::vector<IndexProposal> build_proposals(WorkloadObjective& objective, WhatIfCache& cache, const Configuration& chosen,
                                           const std::vector<TimeScale>& scales) {
  std::map<size_t, IndexProposal> by_candidate;
  for (size_t c : chosen) {
    IndexProposal& proposal = by_candidate[c];
    proposal.candidate = cache.candidates()[c];
    proposal.size_bytes = cache.size_bytes(c);
    proposal.write_ms = objective.write_ms(c);
  }
  for (size_t t = 0; t < cache.templates().size(); ++t) {
    double saved = objective.query_saving_ms(t, chosen);
    if (saved <= 0 && objective.template_cost(t, chosen) >= cache.base_cost(t)) continue;
    Configuration used_config;
    for (size_t c : chosen)
      if (std::find(objective.helped_templates(c).begin(), objective.helped_templates(c).end(), t) !=
          objective.helped_templates(c).end())
        used_config.push_back(c);
    const WhatIf::PlanCost& after = cache.plan(t, used_config);
    std::vector<size_t> users;
    for (size_t c : after.candidates)
      if (by_candidate.count(c)) users.push_back(c);
    if (users.empty()) continue;
    const QueryTemplate& tmpl = *cache.templates()[t];
    TemplateEffect effect;
    effect.fingerprint = tmpl.fingerprint;
    effect.calls = tmpl.calls;
    effect.cost_before = cache.base_cost(t);
    effect.cost_after = objective.template_cost(t, chosen);
    effect.plan_before = cache.plan(t, {}).summary;
    effect.plan_after = after.summary;
    effect.saved_ms = saved;
    effect.measured_scale = scales[t].measured;
    for (size_t c : users) {
      by_candidate[c].templates.push_back(effect);
      by_candidate[c].saved_ms += saved / static_cast<double>(users.size());
    }
  }
  std::vector<IndexProposal> proposals;
  for (auto& [c, proposal] : by_candidate)
    if (!proposal.templates.empty()) proposals.push_back(std::move(proposal));
  std::sort(proposals.begin(), proposals.end(),
            [](const IndexProposal& a, const IndexProposal& b) { return a.saved_ms - a.write_ms > b.saved_ms - b.write_ms; });
  return proposals;
}

}  // namespace pgadvisor
