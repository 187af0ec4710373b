// Finding: one ORM or plan anti-pattern found in the workload, with the templates it concerns,
// the evidence it was derived from (counts and times, never a finding without them), the fix in
// SQL and in Django ORM terms, and the time it would save at the log's rate. Plain data; the
// detectors live in advisor/plan_findings, advisor/result_findings and advisor/session_findings.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pgadvisor {

enum class Severity { Low, Medium, High };

struct Finding {
  std::string kind;                    // "n_plus_one", "duplicate_queries", "disk_sort", ...
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
