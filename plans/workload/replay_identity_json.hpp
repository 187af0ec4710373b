// The replay identity (who replayed statements run as) as JSON, the same keys in the saved
// workload and the audit report: login, login_is_superuser, role, switched, warnings. Reading
// tolerates missing keys (workloads saved before it was recorded read as unknown).
#pragma once

#include <nlohmann/json.hpp>

#include "plans/pg/session.hpp"

namespace pgadvisor {

nlohmann::json replay_identity_json(const ReplayIdentity& identity);
ReplayIdentity replay_identity_from_json(const nlohmann::json& object);

// For a report's header: "replayed as role pgadvisor_replay (connected as postgres)"; empty when unknown.
std::string replay_identity_sentence(const ReplayIdentity& identity);

}  // namespace pgadvisor
