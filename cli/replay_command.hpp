// `pgadvisor replay`: read the logs, replay every template's samples on the database with
// EXPLAIN (ANALYZE, BUFFERS) under the safety contract, and save the workload — plans, timings,
// buffers, server settings and every diagnostic — as JSON (plans/workload/workload_file) for
// `audit --workload`. Ctrl-C stops early and still writes what was measured (exit status 130).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/log_options.hpp"
#include "cli/replay_options.hpp"

namespace pgadvisor {

struct ReplayCommandLine {
  std::string dsn;
  LogOptions logs;
  ReplayCommandOptions replay;
  std::string output;  // required; "-" is standard output
};

CLI::App* setup_replay_command(CLI::App& app, ReplayCommandLine& options);

int run_replay_command(const ReplayCommandLine& options);

}  // namespace pgadvisor
