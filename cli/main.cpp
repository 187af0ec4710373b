// pgadvisor's entry point: builds the command line, runs the chosen subcommand, and is the only
// place that catches errors and maps them to exit codes:
//   0 success, 2 usage error, 3 cannot read input or connect, 4 internal error, 130 interrupted
//   (Ctrl-C; what was measured is written).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/audit_command.hpp"
#include "cli/replay_command.hpp"
#include "cli/templates_command.hpp"
#include "plans/fatal_error.hpp"

int main(int argc, char** argv) {
  using namespace pgadvisor;
  CLI::App app{"pgadvisor: query-plan and index advisor for PostgreSQL.\n"
               "Reads captured query logs (PostgreSQL logs, Django's django.db.backends log),\n"
               "replays them safely with EXPLAIN (ANALYZE, BUFFERS) and proposes indexes with hypopg.",
               "pgadvisor"};
  app.set_version_flag("--version", std::string("pgadvisor ") + PGADVISOR_VERSION);
  app.require_subcommand(1);
  AuditCommandOptions audit_options;
  CLI::App* audit = setup_audit_command(app, audit_options);
  ReplayCommandLine replay_options;
  CLI::App* replay = setup_replay_command(app, replay_options);
  TemplatesCommandOptions templates_options;
  CLI::App* templates = setup_templates_command(app, templates_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }

  try {
    if (audit->parsed()) return run_audit_command(audit_options);
    if (replay->parsed()) return run_replay_command(replay_options);
    if (templates->parsed()) return run_templates_command(templates_options);
  } catch (const FatalError& error) {
    std::cerr << "pgadvisor: " << error.what() << "\n";
    return error.kind() == FatalKind::Usage ? 2 : 3;
  } catch (const std::exception& error) {
    std::cerr << "pgadvisor: internal error: " << error.what() << "\n";
    return 4;
  }
  return 0;
}
