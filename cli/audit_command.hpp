// `pgadvisor audit`: read the logs and replay them on the database (or read a saved workload), propose indexes, and write the
// report as text, JSON, Markdown or HTML (or the proposals as a migration) to standard output or
// a file, and the exit status CI gates read (--fail-on, --baseline). Setup registers the options on the CLI11
// app; run does the work and throws FatalError for what ends the run.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "advisor/pipeline.hpp"
#include "cli/advisor_options.hpp"
#include "cli/log_options.hpp"
#include "cli/migration_options.hpp"
#include "cli/replay_options.hpp"
#include "cli/stage_budget_options.hpp"

namespace pgadvisor {

struct AuditCommandOptions {
  AuditOptions audit;
  LogOptions logs;
  ReplayCommandOptions replay;
  AdvisorCommandOptions advisor;
  bool no_rewrites = false;
  std::string verify_timeout = "3min";  // --verify-timeout: each statement that verifies a rewrite
  std::string workload;  // --workload FILE: a saved replay instead of logs
  std::string format = "text";  // text, json, markdown, html
  bool format_given = false;     // --format was on the command line or in the config file
  std::vector<std::string> outputs;  // -o PATH or FORMAT:PATH, repeatable; none: standard output
  size_t top = 15;
  std::string color = "auto";  // auto, always, never (NO_COLOR is respected by auto)
  std::string baseline;        // an earlier JSON report to compare with
  std::string history;         // --history DIR: the earlier JSON reports of this audit, for the trend
  std::string fail_on = "never";
  bool accept_partial = false;  // --accept-partial: an incomplete audit exits 0 (the headline stays)
  bool redact = false;          // --redact: literal values replaced by placeholders in every report
  bool verbose = false;         // --verbose: each stage's time on standard error
  MigrationCommandOptions migration;
  StageBudgetCommandOptions stages;  // --stage-budget, --skip-stage
};

CLI::App* setup_audit_command(CLI::App& app, AuditCommandOptions& options);

int run_audit_command(AuditCommandOptions& options);

}  // namespace pgadvisor
