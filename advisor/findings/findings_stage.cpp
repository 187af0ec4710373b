#include "advisor/findings/findings_stage.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "advisor/findings/finding_json.hpp"
#include "advisor/findings/plan_findings.hpp"
#include "advisor/findings/result_findings.hpp"
#include "advisor/findings/session_findings.hpp"

namespace pgadvisor {

nlohmann::json analyze_sessions(const Workload& workload) {
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& summary : session_summaries(workload))
    sessions.push_back({{"session", summary.session},
                        {"burst", summary.burst},
                        {"scope", summary.scope},
                        {"queries", summary.queries},
                        {"duplicates", summary.duplicates},
                        {"total_ms", summary.total_ms},
                        {"window_ms", summary.window_ms ? nlohmann::json(*summary.window_ms) : nlohmann::json()},
                        {"first_line", summary.first_line}});
  return {{"findings", findings_to_json(session_findings(workload))}, {"sessions", sessions}};
}

void collect_findings(const nlohmann::json& session_analysis, Advice& advice) {
  advice.findings = findings_from_json(session_analysis.value("findings", nlohmann::json::array()));
  advice.sessions = session_analysis.value("sessions", nlohmann::json::array());
  // A count that count_then_fetch already explains (the rows are fetched right after) is not
  // a count for existence.
  std::set<std::string> counted_then_fetched;
  for (const auto& finding : advice.findings)
    if (finding.kind == "count_then_fetch" && finding.evidence.contains("count_template"))
      counted_then_fetched.insert(finding.evidence["count_template"].get<std::string>());
  for (const auto& entry : advice.templates) {
    for (auto& finding : plan_findings(entry.tmpl, entry.replay)) advice.findings.push_back(std::move(finding));
    for (auto& finding : result_findings(entry.tmpl, entry.replay)) {
      if (finding.kind == "count_for_existence" && counted_then_fetched.count(entry.tmpl.fingerprint)) continue;
      advice.findings.push_back(std::move(finding));
    }
  }
  sort_findings(advice.findings);
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.saving_ms > b.saving_ms;
  });
}

}  // namespace pgadvisor
