// The JSON report, the one serialization of an Advice that every report format renders (text,
// Markdown, HTML) and CI gates read: stable keys, "format": "pgadvisor-report" and "version": 1.
// schema/report-v1.schema.json lists every key with its type and meaning (a test validates real
// reports against it; a key added or changed means a schema update, a key removed or retyped a
// new version), so this comment does not repeat them. The top level: format, version,
// generated_at (when the advice was complete, UTC: what --history orders runs by), database,
// server_version, replay_role, logs, statements, first_timestamp, last_timestamp, templates
// (each with its replay: times, cost, plan_summary, plan_nodes), indexes, already_served,
// drop_suggestions, selection, verification, rewrites, findings, sessions, stages,
// interrupted, incomplete, baseline (with --baseline, advisor/baseline_compare.hpp), trend
// (added by the command with --history: cli/history_reports, advisor/history_trend),
// candidates_evaluated, whatif_*, diagnostics. Costs are planner units (index-level costs
// weighted by calls); times are milliseconds over the whole log; per-day figures are null when
// the log has no timestamps.
#pragma once

#include <nlohmann/json.hpp>

#include "advisor/model/advice.hpp"

namespace pgadvisor {

nlohmann::json advice_to_json(const Advice& advice);

}  // namespace pgadvisor
