#include "cli/report_command.hpp"

#include <unistd.h>

#include "cli/history_reports.hpp"
#include "cli/log_options.hpp"
#include "cli/migration_options.hpp"
#include "cli/option_checks.hpp"
#include "cli/report/report_formats.hpp"
#include "cli/report/report_redact.hpp"
#include "plans/fatal_error.hpp"

namespace pgadvisor {

CLI::App* setup_report_command(CLI::App& app, ReportCommandOptions& options) {
  CLI::App* report = app.add_subcommand(
      "report", "Render a JSON report saved by `audit --format json` as text, Markdown, HTML or JSON, or its\n"
                "migration (--migration sql|django).\n"
                "Reads no log and no database: every format shows the saved run's figures.");
  report->add_option("report", options.input, "the JSON report (audit --format json -o FILE)")->required();
  report->add_option("--format", options.format, "text, markdown, html or json")
      ->check(CLI::IsMember({"text", "json", "markdown", "html"}))
      ->capture_default_str();
  report->add_option("-o,--output", options.output, "write it to this file instead of standard output");
  report->add_option("--top", options.top, "how many templates the text and Markdown reports list")
      ->check(whole_number(0, 1000000))
      ->capture_default_str();
  report->add_option("--migration", options.migration,
                     "write the audit's migration instead of the report, as `audit --migration` would have: sql\n"
                     "(for psql) or django (-o the Django project's directory: the models' Meta.indexes too)")
      ->check(CLI::IsMember({"sql", "django"}));
  report->add_option("--color", options.color, "colour in the text report: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  report->add_flag("--redact", options.redact,
                   "replace the literal values of the statements (e-mail addresses, names, ids) by placeholders");
  report->add_option("--history", options.history, kHistoryHelp);
  return report;
}

int run_report_command(const ReportCommandOptions& options) {
  nlohmann::json report = read_report_file(options.input, "report");
  if (!options.migration.empty()) {
    if (report.value("redacted", false) || options.redact)
      throw FatalError(FatalKind::Usage, "report --migration: a redacted report's migrations lost their constants: "
                                         "write them from the report as the audit saved it, without --redact");
    write_migration(options.migration, report, options.output, options.input);
    return 0;
  }
  if (!options.history.empty())  // neither the report nor the file being written is its own history
    report["trend"] = history_trend_section(options.history, report, {options.input, options.output});
  if (options.redact) redact_report(report);
  bool to_terminal = options.output.empty() && isatty(STDOUT_FILENO);
  emit_report(options.output,
              render_report(report, options.format, options.top, terminal_text_style(options.color, to_terminal)));
  return 0;
}

}  // namespace pgadvisor
