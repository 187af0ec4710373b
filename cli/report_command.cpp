#include "cli/report_command.hpp"

#include <unistd.h>

#include "cli/history_reports.hpp"
#include "cli/log_options.hpp"
#include "cli/option_checks.hpp"
#include "cli/report/report_formats.hpp"

namespace pgadvisor {

CLI::App* setup_report_command(CLI::App& app, ReportCommandOptions& options) {
  CLI::App* report = app.add_subcommand(
      "report", "Render a JSON report saved by `audit --format json` as text, Markdown, HTML or JSON.\n"
                "Reads no log and no database: every format shows the saved run's figures.");
  report->add_option("report", options.input, "the JSON report (audit --format json -o FILE)")->required();
  report->add_option("--format", options.format, "text, markdown, html or json")
      ->check(CLI::IsMember({"text", "json", "markdown", "html"}))
      ->capture_default_str();
  report->add_option("-o,--output", options.output, "write it to this file instead of standard output");
  report->add_option("--top", options.top, "how many templates the text and Markdown reports list")
      ->check(whole_number(0, 1000000))
      ->capture_default_str();
  report->add_option("--color", options.color, "colour in the text report: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  report->add_option("--history", options.history, kHistoryHelp);
  return report;
}

int run_report_command(const ReportCommandOptions& options) {
  nlohmann::json report = read_report_file(options.input, "report");
  if (!options.history.empty()) report["trend"] = history_trend_section(options.history, report, {options.input});
  bool to_terminal = options.output.empty() && isatty(STDOUT_FILENO);
  emit_report(options.output,
              render_report(report, options.format, options.top, terminal_text_style(options.color, to_terminal)));
  return 0;
}

}  // namespace pgadvisor
