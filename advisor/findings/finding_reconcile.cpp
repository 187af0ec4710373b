#include "advisor/findings/finding_reconcile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "advisor/findings/findings_stage.hpp"
#include "plans/text_format.hpp"

namespace pgadvisor {
namespace {

// filter_discards absorbs seq_scan_large_frequent of the same template and relation.
void merge_scan_findings(std::vector<Finding>& findings) {
  std::vector<bool> merged(findings.size(), false);
  for (auto& kept : findings) {
    if (kept.kind != FindingKind::FilterDiscards || kept.templates.empty()) continue;
    for (size_t i = 0; i < findings.size(); ++i) {
      Finding& other = findings[i];
      if (merged[i] || other.kind != FindingKind::SeqScanLargeFrequent || other.templates != kept.templates) continue;
      if (other.evidence.value("relation", "") != kept.evidence.value("relation", "")) continue;
      for (const char* key : {"rows_read", "calls", "total_ms"})
        if (other.evidence.contains(key)) kept.evidence[key] = other.evidence[key];
      kept.evidence["merged"] = "seq_scan_large_frequent";
      kept.saving_ms = std::max(kept.saving_ms, other.saving_ms);
      merged[i] = true;  // removed below
    }
  }
  std::vector<Finding> kept;
  for (size_t i = 0; i < findings.size(); ++i)
    if (!merged[i]) kept.push_back(std::move(findings[i]));
  findings = std::move(kept);
}

const IndexProposal* serving_proposal(const Advice& advice, const std::string& fingerprint) {
  const IndexProposal* best = nullptr;
  double best_saving = -1;
  for (const auto& proposal : advice.indexes)
    for (const auto& effect : proposal.templates)
      if (effect.fingerprint == fingerprint && effect.saved_ms > best_saving) best = &proposal, best_saving = effect.saved_ms;
  return best;
}

// Replaces `from` in `text` (once) by `to`.
void replace_once(std::string& text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
}

void quote_proposal(const Advice& advice, Finding& finding) {
  const IndexProposal* proposal = serving_proposal(advice, finding.templates.front());
  if (!proposal) {  // never point at proposals that do not serve it
    replace_once(finding.summary, "see the proposed indexes", "no proposed index serves it");
    replace_once(finding.fix_django, "# see the proposed indexes: ", "# no proposed index serves it; ");
    return;
  }
  const std::string ddl = proposal->candidate.ddl();
  const std::string quoted = "# the proposed index " + proposal->candidate.name() + " (--migration django writes it): " + ddl;
  // A fix of the finding's own (statistics, ...) stays; the generic pointer to the proposals goes.
  finding.fix_sql = finding.fix_sql.empty() ? ddl : finding.fix_sql + "\n-- and the proposed index:\n" + ddl;
  bool generic = finding.fix_django.empty() || finding.fix_django.rfind("# see the proposed indexes", 0) == 0;
  finding.fix_django = generic ? quoted : finding.fix_django + "\n" + quoted;
  finding.evidence["proposed_index"] = proposal->candidate.name();
}

const RewriteAdvice* proposed_rewrite(const Advice& advice, const std::string& fingerprint) {
  for (const auto& rewrite : advice.rewrites)
    if (rewrite.fingerprint == fingerprint && rewrite.verdict == RewriteVerdict::Proposed) return &rewrite;
  return nullptr;
}

Finding timed_out_finding(const Advice& advice, const TemplateAdvice& entry) {
  const QueryTemplate& tmpl = entry.tmpl;
  Finding finding;
  finding.kind = FindingKind::TimedOut;
  finding.templates = {tmpl.fingerprint};
  double bound = entry.replay.lower_bound_ms.value_or(0);
  finding.evidence = {{"lower_bound_ms", bound}, {"calls", tmpl.calls}, {"total_ms", tmpl.total_ms}, {"max_ms", tmpl.max_ms}};
  std::string logged = tmpl.total_ms > 0 ? fmt::format("; the log has {} call(s), {} in all", tmpl.calls, human_ms(tmpl.total_ms))
                                         : fmt::format("; the log has {} call(s)", tmpl.calls);
  std::string remedy = "see the proposed indexes";
  if (const RewriteAdvice* rewrite = proposed_rewrite(advice, tmpl.fingerprint)) {
    std::string fix = rewrite->recommended.empty() ? "id_list" : rewrite->recommended;
    remedy = fmt::format("the {} fix, verified equal, runs it in {}", fix, human_ms(rewrite->after_ms));
    for (const auto& alternative : rewrite->alternatives)
      if (alternative.kind == fix) finding.fix_sql = alternative.sql, finding.fix_django = alternative.django;
    if (finding.fix_sql.empty() && rewrite->steps.size() == 2) finding.fix_sql = rewrite->steps[0] + ";\n" + rewrite->steps[1];
    if (finding.fix_django.empty()) finding.fix_django = rewrite->django.value_or("");
    double per_call = std::max(rewrite->before_ms - rewrite->after_ms, 0.0);
    finding.saving_ms = static_cast<double>(tmpl.calls) * per_call;
    if (tmpl.total_ms > 0) finding.saving_ms = std::max(tmpl.total_ms - static_cast<double>(tmpl.calls) * rewrite->after_ms, 0.0);
    finding.evidence["rewrite"] = fix;
    finding.evidence["saving_basis"] = tmpl.total_ms > 0 ? "the logged time less the fix's measured time, at the log's calls"
                                                         : "the timeout (a lower bound) less the fix's measured time";
  } else if (const IndexProposal* proposal = serving_proposal(advice, tmpl.fingerprint)) {
    remedy = "the proposed index " + proposal->candidate.name() + " serves it";
    finding.fix_sql = proposal->candidate.ddl();
    finding.evidence["saving_basis"] = "the what-if saving of the proposed index";
    for (const auto& effect : proposal->templates)
      if (effect.fingerprint == tmpl.fingerprint) finding.saving_ms = effect.saved_ms;
  } else {
    remedy = "no rewrite or index was found for it";
    finding.evidence["saving_basis"] = "not estimated: nothing proposed serves it";
  }
  finding.summary = fmt::format("The replay of this statement was canceled after {} (statement_timeout): it is slower "
                                "than that{}; {}.",
                                human_ms(bound), logged, remedy);
  return finding;
}

// Savings of one template's findings above its logged time are scaled down to it.
void cap_savings(const Advice& advice, std::vector<Finding>& findings) {
  std::map<std::string, double> logged, claimed;
  for (const auto& entry : advice.templates) logged[entry.tmpl.fingerprint] = entry.tmpl.total_ms;
  for (const auto& finding : findings)
    if (!finding.templates.empty()) claimed[finding.templates.front()] += finding.saving_ms;
  for (auto& finding : findings) {
    if (finding.templates.empty() || finding.saving_ms <= 0) continue;
    const std::string& fingerprint = finding.templates.front();
    double total = logged.count(fingerprint) ? logged[fingerprint] : 0;
    if (total <= 0 || claimed[fingerprint] <= total) continue;
    finding.saving_ms *= total / claimed[fingerprint];
    finding.evidence["saving_capped"] = fmt::format("scaled down: this template's findings claimed {} of its {} in the log",
                                                    human_ms(claimed[fingerprint]), human_ms(total));
  }
}

}  // namespace

Severity severity_for_time(double time_at_stake_ms, double log_total_ms) {
  double share = log_total_ms > 0 ? time_at_stake_ms / log_total_ms : 0;
  if (share >= 0.10 || time_at_stake_ms >= 1000) return Severity::High;
  if (share >= 0.01 || time_at_stake_ms >= 50) return Severity::Medium;
  return Severity::Low;
}

std::vector<Finding> reconcile_findings(const Advice& advice) {
  std::vector<Finding> findings = advice.findings;
  merge_scan_findings(findings);
  double log_total = 0;
  std::map<std::string, double> logged;
  for (const auto& entry : advice.templates) {
    log_total += entry.tmpl.total_ms;
    logged[entry.tmpl.fingerprint] = entry.tmpl.total_ms;
  }
  for (const auto& entry : advice.templates)
    if (entry.replay.status == ReplayStatus::TimedOut) findings.push_back(timed_out_finding(advice, entry));
  for (auto& finding : findings)
    if (!finding.templates.empty() && served_by_index(finding.kind)) quote_proposal(advice, finding);
  cap_savings(advice, findings);
  for (auto& finding : findings) {
    if (finding.templates.empty()) continue;
    double at_stake = finding.saving_ms > 0 ? finding.saving_ms : logged[finding.templates.front()];
    finding.severity = severity_for_time(at_stake, log_total);
    finding.evidence["time_at_stake_ms"] = at_stake;
  }
  sort_findings(findings);
  return findings;
}

}  // namespace pgadvisor
