#include "advisor/findings/finding_savings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "advisor/findings/findings_stage.hpp"
#include "plans/pg/explain.hpp"
#include "plans/pg/measure_limits.hpp"
#include "plans/pg/replay_measure.hpp"

namespace pgadvisor {
namespace {


MeasuredRuns measured(Transaction& tx, const Statement& statement, int runs) {
  return measure_median(runs, [&] { return explain_statement(tx, statement, ExplainMode::Analyze, true); });
}

struct WorkMemTrial {
  double before_ms = 0, after_ms = 0;
  bool long_query = false;  // measured once each way: its warm-up passed --long-query
};

// One warm-up, then `runs` each way, default first, in one rolled-back READ ONLY transaction. A
// long query (its warm-up longer than --long-query) is measured once each way, the warm-up being
// its run as is. The trial is one measurement of the stage's budget: started whole or not at all.
WorkMemTrial try_work_mem(Session& session, const QueryTemplate& tmpl, long long work_mem_mb, int runs) {
  MeasureLimits limits = current_measure_limits();
  if (limits.budget) limits.budget->start_measurement();
  MeasureScope trial_scope({limits.long_query_ms, nullptr});  // its runs are not counted one by one
  WorkMemTrial trial;
  session.replayed(TransactionMode::ReadOnly, [&](Transaction& tx) {
    const double warmup_ms = measured(tx, tmpl.sample, 1).runs.front().ms();
    trial.long_query = is_long_query(warmup_ms, limits.long_query_ms);
    trial.before_ms = trial.long_query ? warmup_ms : *measured(tx, tmpl.sample, runs).median_ms();
    tx.query(fmt::format("SET LOCAL work_mem = '{}MB'", work_mem_mb));
    trial.after_ms = *measured(tx, tmpl.sample, trial.long_query ? 1 : runs).median_ms();
  });
  if (trial.long_query && limits.budget) limits.budget->note_long_query();
  return trial;
}

void measure_work_mem(Session& session, const FindingSavingOptions& options, const QueryTemplate& tmpl,
                      Finding& finding) {
  long long mb = finding.evidence.value("work_mem_mb", 0LL);
  if (mb <= 0 || !options.measure || (options.stop && *options.stop)) {
    const bool reason = !options.measure && !options.not_measured_reason.empty();
    finding.evidence["saving_basis"] = reason ? "not measured: " + options.not_measured_reason : "not measured";
    return;
  }
  if (mb > options.max_work_mem_mb) {
    finding.evidence["saving_basis"] = fmt::format(
        "not measured: it would take work_mem = '{}MB', more than the {} MB pgadvisor tries on a server it "
        "does not own",
        mb, options.max_work_mem_mb);
    return;
  }
  try {
    WorkMemTrial trial = try_work_mem(session, tmpl, mb, options.runs);
    double per_call = std::max(trial.before_ms - trial.after_ms, 0.0);
    finding.saving_ms = per_call * static_cast<double>(tmpl.calls);
    finding.evidence["measured_ms"] = trial.before_ms;
    finding.evidence["with_work_mem_ms"] = trial.after_ms;
    bool faster = trial.after_ms < 0.95 * trial.before_ms;
    finding.summary += fmt::format(
        " Measured: with work_mem = '{}MB' it ran in {:.1f} ms instead of {:.1f} ms{}", mb, trial.after_ms,
        trial.before_ms, faster ? "." : ", no faster: fetch fewer rows or columns (or use an index) instead.");
    finding.evidence["work_mem_helps"] = faster;
    finding.evidence["saving_basis"] =
        trial.long_query
            ? fmt::format("measured: 1 EXPLAIN ANALYZE run (long query) as is and with SET LOCAL work_mem = '{}MB', "
                          "times {} call(s)",
                          mb, tmpl.calls)
            : fmt::format("measured: median of {} EXPLAIN ANALYZE runs as is and with SET LOCAL work_mem = '{}MB', "
                          "times {} call(s)",
                          std::max(options.runs, 1), mb, tmpl.calls);
    finding.evidence["measured_once"] = trial.long_query;
  } catch (const DatabaseError& error) {
    finding.evidence["saving_basis"] = std::string("not measured: ") + error.what();
  }
}

struct IndexSaving {
  double saved_ms = 0;
  bool verified = false;  // measured by --verify, not the what-if estimate
  std::vector<std::string> names;
};

// What the proposed indexes save on the template (measured when --verify measured it), and
// their names.
IndexSaving index_saving(const Advice& advice, const std::string& fingerprint) {
  IndexSaving saving;
  for (const auto& proposal : advice.indexes)
    for (const auto& effect : proposal.templates) {
      if (effect.fingerprint != fingerprint) continue;
      saving.names.push_back(proposal.candidate.name());
      saving.verified = effect.verified_before_ms && effect.verified_after_ms;
      saving.saved_ms = saving.verified  // the template's saving with all the proposals
                            ? std::max(*effect.verified_before_ms - *effect.verified_after_ms, 0.0) *
                                  static_cast<double>(effect.calls)
                            : effect.saved_ms;
    }
  return saving;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

std::string basis_without_estimate(FindingKind kind) {
  if (kind == FindingKind::Misestimate)
    return "not estimated: the statistics would have to exist to measure the plan they give";
  if (kind == FindingKind::UnboundedResult || kind == FindingKind::HeavyColumns ||
      kind == FindingKind::FetchForCountOrMembership)
    return "not estimated: the fix changes what the application fetches and how much it transfers";
  return "not estimated";
}

}  // namespace

std::vector<Finding> estimate_finding_savings(Session& session, const FindingSavingOptions& options, const Advice& advice) {
  std::vector<Finding> findings = advice.findings;
  std::map<std::string, const QueryTemplate*> templates;
  for (const auto& entry : advice.templates)
    if (entry.replay.status == ReplayStatus::Analyzed && entry.tmpl.statement_class.kind == StatementKind::Select)
      templates[entry.tmpl.fingerprint] = &entry.tmpl;
  for (auto& finding : findings) {
    if (finding.templates.empty() || finding.saving_ms > 0 || finding.evidence.contains("saving_basis")) continue;
    const std::string& fingerprint = finding.templates.front();
    auto tmpl = templates.find(fingerprint);
    if (served_by_work_mem(finding.kind) && tmpl != templates.end()) {
      measure_work_mem(session, options, *tmpl->second, finding);
    } else if (served_by_index(finding.kind)) {
      IndexSaving saving = index_saving(advice, fingerprint);
      finding.saving_ms = saving.saved_ms;
      finding.evidence["saving_basis"] =
          saving.names.empty()
              ? "not estimated: no proposed index serves this template"
              : std::string(saving.verified ? "measured by --verify" : "the what-if saving") + " of the proposed index(es) " +
                    joined(saving.names) + " on this template (the same time the index advice counts)";
    } else {
      finding.evidence["saving_basis"] = basis_without_estimate(finding.kind);
    }
  }
  sort_findings(findings);
  return findings;
}

}  // namespace pgadvisor
