// `pgadvisor setup-role`: prints the SQL that creates the least-privilege replay role
// (plans/pg/replay_role_setup), for the schemas of the database given with --db (or public);
// with --apply it runs it on that database and checks, by connecting again, that replay now
// switches to the role and that the role has no power replay does not need.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace pgadvisor {

struct SetupRoleCommandOptions {
  std::string dsn;
  std::string role = "pgadvisor_replay";
  std::vector<std::string> schemas;
  bool read_only = false;
  bool login = false;
  bool apply = false;
};

CLI::App* setup_setup_role_command(CLI::App& app, SetupRoleCommandOptions& options);

int run_setup_role_command(const SetupRoleCommandOptions& options);

}  // namespace pgadvisor
