#include "cli/audit_command.hpp"

#include "advisor/report_json.hpp"
#include "advisor/report_text.hpp"
#include "plans/fatal_error.hpp"

namespace pgadvisor {

CLI::App* setup_audit_command(CLI::App& app, AuditCommandOptions& options) {
  CLI::App* audit = app.add_subcommand(
      "audit", "Replay a captured query log on a database and propose indexes.\n"
               "Nothing in the database changes: every statement runs in a rolled-back transaction,\n"
               "reads in READ ONLY mode, writes only under plain EXPLAIN.");
  audit->add_option("--db", options.audit.dsn,
                    "libpq connection string or URI of the database to replay on\n"
                    "(default: the PGHOST, PGPORT, PGDATABASE, PGUSER, ... variables)");
  add_log_options(audit, options.logs);
  audit->add_option("--workload", options.workload,
                    "a workload saved by `pgadvisor replay` (instead of --log: nothing is replayed)");
  add_replay_options(audit, options.replay);
  audit->add_option("--format", options.format, "report format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  audit->add_option("-o,--output", options.output, "write the report to this file instead of standard output");
  audit->add_option("--top", options.top, "how many templates the text report lists")->capture_default_str();
  add_advisor_options(audit, options.advisor);
  audit->add_flag("--no-rewrites", options.no_rewrites, "do not try rewriting IN-subqueries into id lists");
  audit->add_option("--inline-list-limit", options.audit.rewrites.inline_limit,
                    "longest id list a rewrite shows inline; longer ones are an array parameter")
      ->capture_default_str();
  return audit;
}

int run_audit_command(AuditCommandOptions& options) {
  if (options.workload.empty()) require_input(options.logs);
  else if (!options.logs.logs.empty() || options.logs.from_pg_stat_statements)
    throw FatalError(FatalKind::Usage, "--workload replaces --log and --from-pg-stat-statements: give one or the other");
  options.audit.workload_file = options.workload;
  options.audit.replay = options.replay.settings();
  options.audit.advisor = options.advisor.settings();
  options.audit.rewrites.enabled = !options.no_rewrites;
  options.audit.rewrites.runs = options.audit.replay.policy.runs;
  install_interrupt_handler();
  options.audit.stop = &interrupt_requested();
  options.audit.progress = terminal_progress(options.replay.quiet);
  options.audit.logs = options.logs.logs;
  options.audit.from_pg_stat_statements = options.logs.from_pg_stat_statements;
  options.audit.log_format = parse_log_format(options.logs.format);
  options.audit.log_options = options.logs.read_options();
  Advice advice = run_audit(options.audit);
  std::string report = options.format == "json" ? advice_to_json(advice).dump(2) + "\n" : advice_to_text(advice, options.top);
  emit_report(options.output, report);
  return 0;
}

}  // namespace pgadvisor
