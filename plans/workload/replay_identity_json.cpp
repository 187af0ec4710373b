#include "plans/workload/replay_identity_json.hpp"

namespace pgadvisor {

nlohmann::json replay_identity_json(const ReplayIdentity& identity) {
  return {{"login", identity.login},
          {"login_is_superuser", identity.login_is_superuser},
          {"role", identity.role},
          {"switched", identity.switched},
          {"warnings", identity.warnings}};
}

ReplayIdentity replay_identity_from_json(const nlohmann::json& object) {
  ReplayIdentity identity;
  if (!object.is_object()) return identity;
  identity.login = object.value("login", "");
  identity.login_is_superuser = object.value("login_is_superuser", false);
  identity.role = object.value("role", "");
  identity.switched = object.value("switched", false);
  identity.warnings = object.value("warnings", std::vector<std::string>{});
  return identity;
}

std::string replay_identity_sentence(const ReplayIdentity& identity) {
  if (identity.role.empty()) return "";
  if (identity.switched) return "replayed as role " + identity.role + " (connected as " + identity.login + ")";
  return "replayed as " + identity.role + (identity.login_is_superuser ? ", a superuser" : "") +
         " (no replay role: pgadvisor setup-role creates one)";
}

}  // namespace pgadvisor
