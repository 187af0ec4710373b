// The JSON report: stable keys, "format": "pgadvisor-report" and "version": 1, for CI gates and
// other tools; schema/report-v1.schema.json is its JSON Schema (a test validates real reports
// against it; a key added or changed means a schema update, a key removed or retyped a new
// version). Keys: format, version, database, server_version, replay_role {login, login_is_superuser,
// role, switched, warnings}, logs, statements, first_timestamp, last_timestamp,
// templates [{fingerprint, normalized_sql, kind, calls, total_ms, mean_ms, max_ms, sample: {sql,
// source, line}, replay: {status, execution_ms, planning_ms, plan_total_cost, plan_summary,
// plan_nodes: [{node_type, index, relation, sort_method}], note?}
// or {status, diagnostic, lower_bound_ms?}}], indexes [{schema, table, columns: [{name,
// descending, nulls_flipped, expression}], where, include, name, ddl, size_bytes, saved_ms,
// write_ms, saved_ms_per_day, write_ms_per_day, cost_before, cost_after, templates:
// [fingerprint], per_template: [{fingerprint, calls, cost_before, cost_after, plan_before,
// plan_after, saved_ms, saved_ms_per_day, time_scale_measured, verified_before_ms,
// verified_after_ms, verified_plan_after}]}], already_served [{ddl, definition, existing_index}],
// drop_suggestions [{index, table, kind, covered_by, size_bytes, reason, ddl, caveats}],
// selection {method, max_indexes, budget_bytes, total_size_bytes, net_saved_ms,
// net_saved_ms_per_day, min_benefit_ms, min_call_saving_ms, min_improvement,
// exact_net_saved_ms, greedy_to_exact, exact_note, candidates, useful_candidates,
// whatif_requests, whatif_cache_hits, whatif_plans,
// whatif_resets, advisor_seconds}, verification {ran, note, templates, before_ms, after_ms,
// weighted_before_ms, weighted_after_ms, created_size_bytes}, rewrites [{fingerprint, kind,
// original_sql, steps: [sql], step2_array_sql, list_form, constrained, django, django_note,
// verified_equal, comparison, before_ms, after_ms, step1_ms, step2_ms, speedup, id_count,
// ids_include_null, size_note, calls, subquery: {form, rows, ms, plan_ms}, verdict, reason}],
// findings [{kind, severity, templates: [fingerprint], summary, evidence: {...}, fix_sql,
// fix_django, saving_ms}], sessions [{session, burst, scope, queries, duplicates, total_ms,
// window_ms, first_line}], baseline (with --baseline: advisor/baseline_compare.hpp, the pipeline's last stage), candidates_evaluated,
// whatif_requests, whatif_cache_hits, whatif_plans, diagnostics [{source, line, message,
// statement}]. Costs are planner units (index-level costs weighted by calls); times are
// milliseconds over the whole log; per-day figures are null when the log has no timestamps.
#pragma once

#include <nlohmann/json.hpp>

#include "advisor/model/advice.hpp"

namespace pgadvisor {

nlohmann::json advice_to_json(const Advice& advice);

}  // namespace pgadvisor
