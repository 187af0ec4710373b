// The JSON report: stable keys and "version": 1, for CI gates and other tools. Keys:
// version, database, server_version, logs, statements, templates [{fingerprint, normalized_sql,
// kind, calls, total_ms, mean_ms, max_ms, sample, replay: {status, execution_ms, planning_ms,
// plan_total_cost, plan_summary} or {status, diagnostic}}], indexes [{table, columns: [{name,
// descending}], where, include, name, ddl, size_bytes, cost_before, cost_after, templates:
// [fingerprint], per_template: [{fingerprint, calls, cost_before, cost_after}]}],
// already_served [{ddl, existing_index}], candidates_evaluated, whatif_requests,
// diagnostics [{source, line, message, statement}]. Costs are planner units; index-level costs
// are weighted by calls.
#pragma once

#include <nlohmann/json.hpp>

#include "advisor/advice.hpp"

namespace pgadvisor {

nlohmann::json advice_to_json(const Advice& advice);

}  // namespace pgadvisor
