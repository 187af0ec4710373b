// `pgadvisor templates`: ingest only — no database, unless the statements come from its
// pg_stat_statements. Prints the query templates with calls and times (text or JSON), to
// standard output or a file.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/log_options.hpp"

namespace pgadvisor {

struct TemplatesCommandOptions {
  LogOptions logs;
  std::string dsn;  // for --from-pg-stat-statements
  std::string format = "text";
  std::string output;
  size_t top = 30;
};

CLI::App* setup_templates_command(CLI::App& app, TemplatesCommandOptions& options);

int run_templates_command(const TemplatesCommandOptions& options);

}  // namespace pgadvisor
