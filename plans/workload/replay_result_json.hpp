// One replay result as JSON, the same in the workload file and the resume journal: status,
// reason, warm-up and measured runs (with their spread and cache state), the plan summary and
// EXPLAIN's own output. Reading a malformed one throws std::runtime_error or a JSON error.
#pragma once

#include <nlohmann/json.hpp>

#include "plans/pg/replay.hpp"

namespace pgadvisor {

nlohmann::json replay_result_to_json(const ReplayResult& result);
ReplayResult replay_result_from_json(const nlohmann::json& in);

}  // namespace pgadvisor
