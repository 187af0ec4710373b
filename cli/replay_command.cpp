#include "cli/replay_command.hpp"

#include <unistd.h>

#include <iostream>

#include "advisor/pipeline.hpp"
#include "plans/fatal_error.hpp"
#include "plans/workload/workload_file.hpp"

namespace pgadvisor {

CLI::App* setup_replay_command(CLI::App& app, ReplayCommandLine& options) {
  CLI::App* command = app.add_subcommand(
      "replay", "Replay a captured query log on a database with EXPLAIN (ANALYZE, BUFFERS) and save the\n"
                "measured workload as JSON, for `pgadvisor audit --workload`. Nothing in the database\n"
                "changes: every statement runs in a rolled-back transaction.");
  command->option_defaults()->group("Connection");
  command->add_option("--db", options.dsn, "libpq connection string or URI of the database to replay on");
  add_log_options(command, options.logs);
  add_replay_options(command, options.replay);
  command->add_option("-o,--output", options.output, "the workload file to write (- for standard output)")
      ->group("Workload");
  return command;
}

int run_replay_command(const ReplayCommandLine& options) {
  require_input(options.logs);
  // checked here, not by the parser, so that pgadvisor.toml's [workload] output counts
  if (options.output.empty()) throw FatalError(FatalKind::Usage, "replay: -o FILE (the workload file to write) is required");
  AuditOptions audit;
  audit.dsn = options.dsn;
  audit.logs = options.logs.logs;
  audit.log_format = parse_log_format(options.logs.format);
  audit.log_options = options.logs.read_options();
  audit.filter = options.logs.filter_options();
  audit.from_pg_stat_statements = options.logs.from_pg_stat_statements;
  audit.replay = options.replay.settings();
  audit.journal = options.replay.journal_path(options.output);
  audit.resume = options.replay.resume;
  if (audit.resume && audit.journal.empty())
    throw FatalError(FatalKind::Usage, "--resume needs the journal of the run: -o FILE (its journal is FILE.journal) or --journal FILE");
  install_interrupt_handler();
  audit.stop = &interrupt_requested();
  audit.progress = terminal_progress(options.replay.quiet);
  ReplayedWorkload workload = for_workload_file(run_replay_stage(audit));
  write_workload_file(workload, options.output);
  if (workload.interrupted) {
    std::cerr << "pgadvisor: interrupted; the templates measured so far are in " << options.output
              << (audit.journal.empty() ? "" : "; --resume continues the replay") << "\n";
    return 130;
  }
  if (workload.server_lost) {
    std::cerr << "pgadvisor: the connection to the server was lost and could not be opened again; the templates "
                 "measured so far are in "
              << options.output << ", marked incomplete"
              << (audit.journal.empty() ? "" : "; start the server and run again with --resume to continue") << "\n";
    return 3;
  }
  if (!audit.journal.empty()) ::unlink(audit.journal.c_str());  // the run is whole: nothing to resume
  return 0;
}

}  // namespace pgadvisor
