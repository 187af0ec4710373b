// The report of `pgadvisor templates`: the workload's templates, most total time first, the way
// pgBadger's top-queries table reads — calls, total, mean and max time, and a sample — as text
// or JSON ({"version": 1, statements, parses, shape_cache_hits, templates: [{fingerprint, normalized_sql, kind, calls,
// total_ms, mean_ms, max_ms, sample: {sql, params, source, line, session, timestamp}}],
// diagnostics: [{source, line, message, statement}]}). Pure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "plans/workload/workload.hpp"

namespace pgadvisor {

nlohmann::json templates_to_json(const Workload& workload);
std::string templates_to_text(const Workload& workload, size_t top);

// The templates, most total time first (ties: more calls first, then first seen).
std::vector<const QueryTemplate*> templates_by_total_time(const Workload& workload);

}  // namespace pgadvisor
