// The findings stage of an audit. The log's statement order is read once, when the workload is
// built, into a SessionAnalysis (session findings and per-session summaries); a saved workload
// keeps it as JSON, read back at that edge. collect_findings adds each analyzed template's plan
// and result findings; all sorted by severity, then what they would save (finding_savings fills
// the savings of plan smells later).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "advisor/model/advice.hpp"
#include "advisor/findings/session_findings.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

struct SessionAnalysis {
  std::vector<Finding> findings;
  std::vector<SessionSummary> sessions;
};

SessionAnalysis analyze_sessions(const Workload& workload);

// The workload file's "session_analysis": {"findings": [...], "sessions": [...]}; a missing or
// null part reads as empty, a malformed one throws std::runtime_error.
nlohmann::json session_analysis_to_json(const SessionAnalysis& analysis);
SessionAnalysis session_analysis_from_json(const nlohmann::json& document);
// The report's "sessions" rows: {session, burst, scope, queries, duplicates, total_ms, window_ms, first_line}.
nlohmann::json session_summaries_to_json(const std::vector<SessionSummary>& sessions);

// The session findings, then the plan and result findings of each template, sorted.
std::vector<Finding> collect_findings(const SessionAnalysis& sessions, const std::vector<TemplateAdvice>& templates);

// Most severe first, then most saving.
void sort_findings(std::vector<Finding>& findings);

}  // namespace pgadvisor
