// Finding: one ORM or plan anti-pattern found in the workload, with the templates it concerns,
// the evidence it was derived from (counts and times, never a finding without them), the fix in
// SQL and in Django ORM terms, and the time it would save at the log's rate. Plain data; the
// detectors live in advisor/findings/ (plan_findings, result_findings, session_findings). A kind's
// name ("n_plus_one") is how the JSON report and the saved workload spell it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace pgadvisor {

enum class FindingKind {
  // from the order of the statements in each session
  NPlusOne, DuplicateQueries, WritesInLoop, CountThenFetch, CountAsFlag,
  // from a template and its result
  CountForExistence, FetchForCountOrMembership, HeavyColumns,
  // from a replayed plan
  UnboundedResult, Misestimate, FilterDiscards, SeqScanLargeFrequent, NestedLoopLoops, DiskSort, HashSpill,
  // the replay was canceled at statement_timeout
  TimedOut,
};

std::string finding_kind_name(FindingKind kind);
std::optional<FindingKind> finding_kind_from_name(const std::string& name);
// The kinds a proposed index fixes (a scan that reads too much, a loop of lookups) ...
bool served_by_index(FindingKind kind);
// ... and those more work_mem fixes (a sort or hash that spilled to disk).
bool served_by_work_mem(FindingKind kind);

enum class Severity { Low, Medium, High };

struct Finding {
  FindingKind kind = FindingKind::NPlusOne;
  Severity severity = Severity::Medium;
  std::vector<std::string> templates;  // fingerprints, the main one first
  std::string summary;                 // one line for the text report
  nlohmann::json evidence = nlohmann::json::object();  // the counts and times it rests on
  std::string fix_sql;                 // may be empty when the fix is in the application only
  std::string fix_django;
  double saving_ms = 0;                // over the log; 0 when it cannot be estimated
};

inline std::string severity_name(Severity severity) {
  return severity == Severity::High ? "high" : severity == Severity::Medium ? "medium" : "low";
}

}  // namespace pgadvisor
