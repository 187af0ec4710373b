// Baseline comparison: this audit's JSON report against an earlier one (`audit --baseline
// previous.json`), template by template (matched by fingerprint): templates new and gone,
// regressions (the replayed time a call grew by a factor and a floor on a changed plan, a
// relation read through an index became a Seq Scan, or the replay now fails), fixed ones (the
// reverse, and findings of the baseline no longer found) and new findings. Pure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace pgadvisor {

struct BaselineOptions {
  double slower_factor = 1.5;  // slower (or faster) when the replayed time a call changes by this factor ...
  double min_delta_ms = 1.0;   // ... and by at least this many milliseconds
  std::string label;           // what to call the baseline (its path), in "baseline" and the text
  // A time change on the same plan (same nodes, planner cost within 10%) is "timing_only",
  // neither regression nor fixed: replayed times on a busy machine vary 2-3x between runs.
  bool trust_timing_alone = false;
};

// {"baseline": label, "baseline_database", "slower_factor", "min_delta_ms", "compared": n,
//  "regressions": [{fingerprint, normalized_sql, calls, status_before, status_after, before_ms,
//    after_ms, delta_ms, factor, added_ms (delta_ms x calls), plan_before, plan_after,
//    reasons: [{code: slower|seq_scan|failed, text, relation?, before?, after?}]}],
//  "fixed": [the same with type "template" and codes faster|index_scan|replays, or
//    {type: "finding", kind, severity, templates, fingerprint, normalized_sql, summary,
//    reasons: [{code: finding_gone, text}]}],
//  "timing_only": [entries as in regressions, codes slower|faster, the plan the same],
//  "new_templates" / "gone_templates": [{fingerprint, normalized_sql, calls, total_ms,
//    execution_ms, plan}], "new_findings": [{kind, severity, templates, fingerprint,
//    normalized_sql, summary}], "unchanged": n}
// Regressions come largest first (added_ms, then factor); fixed ones by time saved, then the
// findings. Missing keys (older reports) only skip what they would decide. Throws
// std::invalid_argument when either report is not a pgadvisor JSON report (no "version" and
// "templates", or a workload file).
nlohmann::json compare_to_baseline(const nlohmann::json& baseline, const nlohmann::json& current,
                                   const BaselineOptions& options = {});

// The comparison as a text section for the terminal report: a blank line, "Compared with
// baseline X: N regressions, ..." then a few lines per regression, new template, gone template,
// fixed entry, timing-only change and new finding (all but regressions capped). Ends with "\n".
std::string baseline_to_text(const nlohmann::json& comparison);

}  // namespace pgadvisor
