#include "cli/setup_role_command.hpp"

#include <fmt/format.h>

#include <iostream>

#include "plans/fatal_error.hpp"
#include "plans/pg/replay_role_setup.hpp"

namespace pgadvisor {

CLI::App* setup_setup_role_command(CLI::App& app, SetupRoleCommandOptions& options) {
  CLI::App* command = app.add_subcommand(
      "setup-role", "Print (or, with --apply, run) the SQL that creates the least-privilege role\n"
                    "logged statements are replayed as.");
  command->add_option("--db", options.dsn, "the database to set the role up in (its schemas are read from it)")
      ->group("Connection");
  command->option_defaults()->group("Role");
  command->add_option("--role", options.role, "the role's name (replay and audit take it with --replay-role)")
      ->capture_default_str();
  command->add_option("--schema", options.schemas, "a schema whose tables replay reads (repeatable; default: every\n"
                                                   "schema of --db with tables, or public)");
  command->add_flag("--read-only", options.read_only,
                    "grant SELECT only (writes in the log then fail to explain: \"permission denied\")");
  command->add_flag("--login", options.login, "let the role log in, to connect as it directly");
  command->add_flag("--apply", options.apply, "run the SQL on --db (needs a role that may create roles and grant)");
  return command;
}

int run_setup_role_command(const SetupRoleCommandOptions& options) {
  if (options.role.empty()) throw FatalError(FatalKind::Usage, "setup-role --role: the role needs a name");
  if (options.apply && options.dsn.empty())
    throw FatalError(FatalKind::Usage, "setup-role --apply: name the database with --db");
  ReplayRoleSpec spec{options.role, "", options.schemas, !options.read_only, options.login};
  SessionSettings settings;
  settings.replay_role = options.role;
  if (!options.dsn.empty()) {
    Session session(options.dsn, settings);
    read_role_targets(session, spec);
  } else if (spec.schemas.empty()) {
    spec.schemas.push_back("public");
  }
  const std::string sql = replay_role_sql(spec);
  if (!options.apply) {
    std::cout << sql;
    return 0;
  }
  try {
    commit_admin_script(options.dsn, sql);
  } catch (const DatabaseError& error) {
    throw FatalError(FatalKind::Connection, fmt::format("setup-role: nothing was changed: {}", error.what()));
  }
  Session check(options.dsn, settings);
  const ReplayIdentity& identity = check.identity();
  std::cerr << fmt::format("pgadvisor: setup-role: role {} is ready in database {} ({} schema{}: {})\n", options.role, spec.database,
                           spec.schemas.size(), spec.schemas.size() == 1 ? "" : "s", fmt::join(spec.schemas, ", "));
  if (!identity.switched)
    std::cerr << fmt::format("pgadvisor: setup-role: {} may not use the role: GRANT {} TO {} to replay as it\n", identity.login,
                             options.role, identity.login);
  for (const auto& warning : identity.warnings) std::cerr << "pgadvisor: setup-role: WARNING: " << warning << "\n";
  return identity.warnings.empty() ? 0 : 1;
}

}  // namespace pgadvisor
