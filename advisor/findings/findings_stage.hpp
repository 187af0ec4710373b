// The findings stage of an audit: from the log's statement order (read once, when the workload
// is built: the saved workload keeps the result as JSON) the session findings and per-session
// summaries, and from each analyzed template's replayed plan the plan findings; all sorted by
// severity, then what they would save (advisor/finding_savings fills the savings of plan smells).
#pragma once

#include <nlohmann/json.hpp>

#include "advisor/advice.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

// {"findings": [...], "sessions": [...]} from the order of the statements in each session.
nlohmann::json analyze_sessions(const Workload& workload);

// Fills advice.findings and advice.sessions from that analysis and the replayed plans.
void collect_findings(const nlohmann::json& session_analysis, Advice& advice);

// Most severe first, then most saving.
void sort_findings(std::vector<Finding>& findings);

}  // namespace pgadvisor
