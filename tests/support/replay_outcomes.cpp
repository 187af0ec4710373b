#include "tests/support/replay_outcomes.hpp"

namespace pgadvisor::testing {

std::map<std::string, ReplayOutcome> replay_outcomes(const nlohmann::json& workload) {
  std::map<std::string, ReplayOutcome> by_sql;
  for (const auto& tmpl : workload.at("templates"))
    for (const auto& sample : tmpl.at("samples")) {
      const nlohmann::json& replay = sample.at("replay");
      by_sql[sample.at("statement").at("sql")] = {replay.at("status"), replay.at("reason"), replay.at("timed_out"),
                                                  replay.at("runs").size()};
    }
  return by_sql;
}

}  // namespace pgadvisor::testing
