// Baseline comparison: this audit's JSON report against an earlier one (`audit --baseline
// previous.json`), template by template (matched by fingerprint): templates new and gone,
// regressions (the replayed time a call grew by a factor and a floor, a relation read through
// an index became a Seq Scan, or the replay now fails), fixed ones (the reverse, and findings of
// the baseline no longer found) and new findings. Pure: reads two JSON reports.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace pgadvisor {

struct BaselineOptions {
  double slower_factor = 1.5;  // slower (or faster) when the replayed time a call changes by this factor ...
  double min_delta_ms = 1.0;   // ... and by at least this many milliseconds
  std::string label;           // what to call the baseline (its path), in "baseline" and the text
};

// {"baseline": label, "baseline_database", "slower_factor", "min_delta_ms", "compared": n,
//  "regressions": [{fingerprint, normalized_sql, calls, status_before, status_after, before_ms,
//    after_ms, delta_ms, factor, added_ms (delta_ms x calls), plan_before, plan_after,
//    reasons: [{code: slower|seq_scan|failed, text, relation?, before?, after?}]}],
//  "fixed": [the same with type "template" and codes faster|index_scan|replays, or
//    {type: "finding", kind, severity, templates, fingerprint, normalized_sql, summary,
//    reasons: [{code: finding_gone, text}]}],
//  "new_templates" / "gone_templates": [{fingerprint, normalized_sql, calls, total_ms,
//    execution_ms, plan}], "new_findings": [{kind, severity, templates, fingerprint,
//    normalized_sql, summary}], "unchanged": n}
// Regressions come largest first (added_ms, then factor); fixed ones by time saved, then the
// findings. Missing keys (older reports) only skip what they would decide. Throws
// std::invalid_argument when either report is not a pgadvisor JSON report (no "version" and
// "templates", or a workload file).
nlohmann::json compare_to_baseline(const nlohmann::json& baseline, const nlohmann::json& current,
                                   const BaselineOptions& options = {});

// The comparison as a text section for the terminal report: "Compared with baseline X: N
// regressions, ..." then a few lines per regression, new template, gone template, fixed entry and
// new finding (the last four capped). Ends with a newline.
std::string baseline_to_text(const nlohmann::json& comparison);

}  // namespace pgadvisor
