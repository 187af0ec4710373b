// The options every subcommand that reads logs shares: --log (repeatable, - for standard input)
// and --log-format; --jobs, the threads that read one large log; the filters (--database, --user, --application, --since, --until: see
// plans/workload/statement_filter); and where a report goes: -o FILE or standard output.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "plans/log/log_file.hpp"
#include "plans/workload/statement_filter.hpp"

namespace pgadvisor {

struct LogOptions {
  std::vector<std::string> logs;
  std::string format = "auto";
  std::string log_line_prefix;
  unsigned jobs = default_jobs();
  bool from_pg_stat_statements = false;
  std::vector<std::string> databases, users, applications;
  std::string since, until;

  LogReadOptions read_options() const { return {log_line_prefix, jobs}; }
  // One per core: a parallel read gives the same result as a serial one, only sooner.
  static unsigned default_jobs();
  bool has_filters() const {
    return !databases.empty() || !users.empty() || !applications.empty() || !since.empty() || !until.empty();
  }
  // The filters given; FatalError(Usage) when --until is not after --since.
  StatementFilterOptions filter_options() const;
};

void add_log_options(CLI::App* command, LogOptions& options);

// FatalError(Usage) unless some input is given: --log, or --from-pg-stat-statements.
void require_input(const LogOptions& options);

// Writes `report` to `output` atomically, or to standard output when `output` is empty.
void emit_report(const std::string& output, const std::string& report);

}  // namespace pgadvisor
