// `pgadvisor report REPORT.json`: renders a JSON report saved by `audit --format json` again, in
// any format (text, markdown, html, json), without a database: the figures are the saved run's,
// so a Markdown comment, an HTML page and the JSON made from one audit agree. With --migration
// sql|django it writes the audit's migration from the report instead, exactly as `audit
// --migration` would have (-o FILE, or the Django project's directory). With --history DIR the
// trend section is made again over the reports in DIR earlier than this one.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace pgadvisor {

struct ReportCommandOptions {
  std::string input;            // the saved JSON report
  std::string format = "text";  // text, markdown, html, json
  std::string output;           // empty: standard output
  size_t top = 15;
  std::string color = "auto";
  bool redact = false;          // --redact: literal values replaced by placeholders
  std::string migration;        // "", "sql" or "django": the audit's migration instead of the report
  std::string history;          // --history DIR: the trend over the earlier reports (recomputed)
};

CLI::App* setup_report_command(CLI::App& app, ReportCommandOptions& options);

int run_report_command(const ReportCommandOptions& options);

}  // namespace pgadvisor
