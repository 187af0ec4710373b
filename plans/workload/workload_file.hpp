// The saved workload (`pgadvisor replay -o workload.json`): a ReplayedWorkload as JSON, written
// atomically (a temporary file beside the target, then rename) and read back by `audit
// --workload`. The schema is documented in docs/replay.md ("The workload file"); "format" is
// "pgadvisor-workload" and "version" 1. Reading a file that is not such a document, or of
// another version, throws FatalError(Input) naming the file and what is wrong.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "plans/workload/replayed_workload.hpp"

namespace pgadvisor {

// 2: every SELECT level is a scope (EXISTS, scalar and FROM subqueries, UNION branches), so the
// [scope, predicate] pairs of `varying_predicates` written by version 1 name other predicates.
constexpr int kWorkloadFileVersion = 2;

nlohmann::json workload_to_json(const ReplayedWorkload& workload);
ReplayedWorkload workload_from_json(const nlohmann::json& document, const std::string& source);

// Writes `path` atomically; "-" writes standard output. Failure throws FatalError(Input).
void write_workload_file(const ReplayedWorkload& workload, const std::string& path);
ReplayedWorkload read_workload_file(const std::string& path);

}  // namespace pgadvisor
