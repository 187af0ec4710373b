// The keys every JSON form of a query template shares — the workload file and the audit
// report: fingerprint, normalized_sql, kind, calls, total_ms, mean_ms, max_ms, origins
// (plans/workload/template_origins).
#pragma once

#include <nlohmann/json.hpp>

#include "plans/workload/workload.hpp"

namespace pgadvisor {

nlohmann::json template_summary_json(const QueryTemplate& tmpl);

}  // namespace pgadvisor
