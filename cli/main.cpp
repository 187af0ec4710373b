// pgadvisor's entry point: builds the command line, applies the config file (pgadvisor.toml),
// runs the chosen subcommand, and is the only place that catches errors and maps them to the
// exit codes of kExitCodes.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/audit_command.hpp"
#include "cli/command_line_errors.hpp"
#include "cli/completion_command.hpp"
#include "cli/config_file.hpp"
#include "cli/replay_command.hpp"
#include "cli/report_command.hpp"
#include "cli/setup_role_command.hpp"
#include "cli/templates_command.hpp"
#include "plans/fatal_error.hpp"

namespace {

const char* const kExitCodes =
    "Exit status: 0 done, nothing over --fail-on; 1 something over --fail-on (findings, proposals,\n"
    "regressions); 2 usage or config error; 3 cannot read an input or connect to the database;\n"
    "4 internal error; 5 the advice could not be computed (hypopg unavailable, the wrong database, most\n"
    "templates failing, nothing read: the report says why at the top; --accept-partial makes it 0);\n"
    "130 interrupted (Ctrl-C: what was measured is written; --resume continues the replay).\n"
    "Options can also be set in pgadvisor.toml (sections: the option groups above, keys: the long\n"
    "option names); see docs/reports.md.";

}  // namespace

int main(int argc, char** argv) {
  using namespace pgadvisor;
  ::setenv("PGCONNECT_TIMEOUT", "10", 0);  // a server that accepts and never answers cannot hold a connect forever
  CLI::App app{"pgadvisor: query-plan and index advisor for PostgreSQL.\n"
               "Reads captured query logs (PostgreSQL logs, Django's django.db.backends log),\n"
               "replays them safely with EXPLAIN (ANALYZE, BUFFERS) and proposes indexes with hypopg.",
               "pgadvisor"};
  app.set_version_flag("--version", std::string("pgadvisor ") + PGADVISOR_VERSION);
  app.footer(kExitCodes);
  app.require_subcommand(1);
  AuditCommandOptions audit_options;
  CLI::App* audit = setup_audit_command(app, audit_options);
  ReplayCommandLine replay_options;
  CLI::App* replay = setup_replay_command(app, replay_options);
  TemplatesCommandOptions templates_options;
  CLI::App* templates = setup_templates_command(app, templates_options);
  SetupRoleCommandOptions setup_role_options;
  CLI::App* setup_role = setup_setup_role_command(app, setup_role_options);
  ReportCommandOptions report_options;
  CLI::App* report = setup_report_command(app, report_options);
  CompletionCommandOptions completion_options;
  CLI::App* completion = setup_completion_command(app, completion_options);
  std::string config_path;
  for (CLI::App* command : {audit, replay}) {
    command->add_option("--config", config_path,
                        "read options from this TOML file (default: ./pgadvisor.toml when it exists;\n"
                        "the command line wins)")
        ->group("Options");
    command->footer(kExitCodes);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return report_parse_error(app, error, argc, argv);
  }

  try {
    for (CLI::App* command : {audit, replay}) {
      if (!command->parsed()) continue;
      if (auto path = find_config_file(config_path)) {
        AppliedConfig applied = apply_config_file(*path, *command, {audit, replay});
        audit_options.migration.django.models.insert(applied.django_models.begin(), applied.django_models.end());
      }
    }
    if (audit->parsed()) return run_audit_command(audit_options);
    if (replay->parsed()) return run_replay_command(replay_options);
    if (templates->parsed()) return run_templates_command(templates_options);
    if (report->parsed()) return run_report_command(report_options);
    if (setup_role->parsed()) return run_setup_role_command(setup_role_options);
    if (completion->parsed()) {
      std::cout << completion_script(app, completion_options.shell);
      return 0;
    }
  } catch (const FatalError& error) {
    std::cerr << "pgadvisor: " << error.what() << "\n";
    return error.kind() == FatalKind::Usage ? 2 : 3;
  } catch (const std::exception& error) {
    std::cerr << "pgadvisor: internal error: " << error.what() << "\n";
    return 4;
  }
  return 0;
}
