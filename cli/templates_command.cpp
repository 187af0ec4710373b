#include "cli/templates_command.hpp"

#include "cli/option_checks.hpp"

#include "advisor/pipeline.hpp"
#include "cli/report/templates_report.hpp"
#include "plans/json_text.hpp"
#include "plans/workload/log_ingest.hpp"
#include "plans/workload/pg_stat_statements.hpp"

namespace pgadvisor {

CLI::App* setup_templates_command(CLI::App& app, TemplatesCommandOptions& options) {
  CLI::App* command = app.add_subcommand(
      "templates", "Read query logs and list their query templates with calls and times.\n"
                   "No database is needed, unless the statements come from its pg_stat_statements.");
  add_log_options(command, options.logs);
  command->add_option("--db", options.dsn, "database whose pg_stat_statements to read (with --from-pg-stat-statements)")
      ->group("Connection");
  command->option_defaults()->group("Report");
  command->add_option("--format", options.format, "report format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option("-o,--output", options.output, "write the report to this file instead of standard output");
  command->add_option("--top", options.top, "how many templates the text report lists")
      ->check(whole_number(0, 1000000))
      ->capture_default_str();
  return command;
}

int run_templates_command(const TemplatesCommandOptions& options) {
  require_input(options.logs);
  const StatementFilterOptions filter = options.logs.filter_options();
  // Templates alone: the order of each session's statements (the audit's session findings) is
  // not kept, so memory stays flat whatever the size of the log.
  Workload workload = ingest_logs(options.logs.logs, parse_log_format(options.logs.format),
                                  options.logs.read_options(), 1, filter, /*record_sessions=*/false);
  if (options.logs.from_pg_stat_statements) {
    Session session(options.dsn, {});
    read_pg_stat_statements(session, workload, filter);
  }
  emit_report(options.output, options.format == "json" ? dump_json(templates_to_json(workload), 2) + "\n"
                                                       : templates_to_text(workload, options.top));
  return 0;
}

}  // namespace pgadvisor
