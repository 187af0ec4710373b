#include "advisor/index_selection.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace pgadvisor {
namespace {

struct Evaluation {
  size_t candidate = 0;
  long long size_bytes = 0;
  double benefit = 0;
  std::vector<TemplateCost> improved;              // by at least the minimum share
  std::map<std::string, double> costs_after;       // every template on the table
};

bool touches(const QueryTemplate& tmpl, const std::string& table) {
  auto tables = tmpl.facts.table_names();
  return std::find(tables.begin(), tables.end(), table) != tables.end();
}

Evaluation evaluate(WhatIf& whatif, const IndexCandidate& candidate, size_t index,
                    const std::vector<const QueryTemplate*>& templates, const std::map<std::string, double>& current,
                    const SelectionOptions& options) {
  Evaluation evaluation;
  evaluation.candidate = index;
  std::string oid = whatif.create(candidate);
  evaluation.size_bytes = whatif.size_bytes(oid);
  for (const QueryTemplate* tmpl : templates) {
    if (!touches(*tmpl, candidate.definition.table)) continue;
    double before = current.at(tmpl->fingerprint);
    double after = whatif.cost(*tmpl);
    evaluation.costs_after[tmpl->fingerprint] = std::min(before, after);
    if (after >= before) continue;
    evaluation.benefit += static_cast<double>(tmpl->calls) * (before - after);
    if (before - after >= options.min_improvement * before)
      evaluation.improved.push_back({tmpl->fingerprint, tmpl->calls, before, after});
  }
  whatif.drop(oid);
  return evaluation;
}

bool better(const Evaluation& a, const Evaluation& b) {
  if (a.benefit != b.benefit) return a.benefit > b.benefit;
  return a.size_bytes < b.size_bytes;
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
  std::map<std::string, double> current;
  for (const QueryTemplate* tmpl : templates) current[tmpl->fingerprint] = whatif.cost(*tmpl);

  std::vector<IndexProposal> chosen;
  std::vector<bool> alive(candidates.size(), true);
  while (chosen.size() < options.max_indexes) {
    std::optional<Evaluation> best;
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (!alive[i]) continue;
      Evaluation evaluation = evaluate(whatif, candidates[i], i, templates, current, options);
      if (evaluation.improved.empty()) {
        alive[i] = false;  // with more indexes in place it can only help less
        continue;
      }
      if (!best || better(evaluation, *best)) best = std::move(evaluation);
    }
    if (!best) break;
    alive[best->candidate] = false;
    whatif.create(candidates[best->candidate]);  // stays in place for the next rounds
    for (const auto& [fingerprint, cost] : best->costs_after) current[fingerprint] = cost;
    chosen.push_back({candidates[best->candidate], best->size_bytes, best->improved});
  }
  return chosen;
}

}  // namespace pgadvisor
