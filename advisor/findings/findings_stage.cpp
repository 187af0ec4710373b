#include "advisor/findings/findings_stage.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

#include "advisor/findings/finding_json.hpp"
#include "advisor/findings/plan_findings.hpp"
#include "advisor/findings/result_findings.hpp"

namespace pgadvisor {

SessionAnalysis analyze_sessions(const Workload& workload) {
  return {session_findings(workload), session_summaries(workload)};
}

nlohmann::json session_summaries_to_json(const std::vector<SessionSummary>& sessions) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& summary : sessions)
    out.push_back({{"session", summary.session},
                   {"burst", summary.burst},
                   {"scope", summary.scope},
                   {"queries", summary.queries},
                   {"duplicates", summary.duplicates},
                   {"total_ms", summary.total_ms},
                   {"window_ms", summary.window_ms ? nlohmann::json(*summary.window_ms) : nlohmann::json()},
                   {"first_line", summary.first_line}});
  return out;
}

nlohmann::json session_analysis_to_json(const SessionAnalysis& analysis) {
  return {{"findings", findings_to_json(analysis.findings)}, {"sessions", session_summaries_to_json(analysis.sessions)}};
}

SessionAnalysis session_analysis_from_json(const nlohmann::json& document) {
  SessionAnalysis analysis;
  if (document.is_null()) return analysis;
  if (!document.is_object()) throw std::runtime_error("session_analysis: not an object");
  analysis.findings = findings_from_json(document.value("findings", nlohmann::json::array()));
  const nlohmann::json sessions = document.value("sessions", nlohmann::json::array());
  if (!sessions.is_array()) throw std::runtime_error("session_analysis: sessions is not a list");
  for (const auto& row : sessions) {
    SessionSummary summary;
    summary.session = row.value("session", "");
    summary.burst = row.value("burst", 0u);
    summary.scope = row.value("scope", "");
    summary.queries = row.value("queries", 0LL);
    summary.duplicates = row.value("duplicates", 0LL);
    summary.total_ms = row.value("total_ms", 0.0);
    summary.first_line = row.value("first_line", 0);
    if (row.contains("window_ms") && row["window_ms"].is_number()) summary.window_ms = row["window_ms"].get<double>();
    analysis.sessions.push_back(std::move(summary));
  }
  return analysis;
}

std::vector<Finding> collect_findings(const SessionAnalysis& sessions, const std::vector<TemplateAdvice>& templates) {
  std::vector<Finding> findings = sessions.findings;
  // A count that count_then_fetch already explains (the rows are fetched right after) is not
  // a count for existence.
  std::set<std::string> counted_then_fetched;
  for (const auto& finding : findings)
    if (finding.kind == FindingKind::CountThenFetch && finding.evidence.contains("count_template"))
      counted_then_fetched.insert(finding.evidence["count_template"].get<std::string>());
  for (const auto& entry : templates) {
    for (auto& finding : plan_findings(entry.tmpl, entry.replay)) findings.push_back(std::move(finding));
    for (auto& finding : result_findings(entry.tmpl, entry.replay)) {
      if (finding.kind == FindingKind::CountForExistence && counted_then_fetched.count(entry.tmpl.fingerprint)) continue;
      findings.push_back(std::move(finding));
    }
  }
  sort_findings(findings);
  return findings;
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.saving_ms > b.saving_ms;
  });
}

}  // namespace pgadvisor
