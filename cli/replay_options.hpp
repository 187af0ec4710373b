// The replay options `audit` and `replay` share: which samples, how many runs, writes, parallel
// connections, timeouts, functions declared safe, and --quiet; plus Ctrl-C handling (the first
// one stops the replay gracefully, a second one ends the process) and the progress line on a
// terminal. A bad value throws FatalError(Usage).
#pragma once

#include <CLI/CLI.hpp>
#include <atomic>
#include <string>
#include <vector>

#include "plans/workload/workload_replay.hpp"

namespace pgadvisor {

struct ReplayCommandOptions {
  std::string samples = "slowest";
  int runs = 3;
  bool no_warmup = false;
  std::string long_query = "5s";  // --long-query: a sample slower than this is measured by one run
  bool analyze_writes = false;
  int connections = 2;
  std::string statement_timeout = "30s";
  std::string lock_timeout = "1s";
  std::string idle_in_transaction_timeout = "60s";
  std::string client_grace = "5s";
  std::string replay_role = "pgadvisor_replay";
  std::vector<std::string> allowed_functions;
  bool quiet = false;
  std::string journal;  // --journal: where the resume journal goes (default: next to -o)
  bool resume = false;

  ReplaySettings settings() const;
  // The resume journal for a run writing `output`: --journal, else `<output>.journal` when the
  // output is a file (not standard output, a device or a FIFO), else none ("").
  std::string journal_path(const std::string& output) const;
};

void add_replay_options(CLI::App* command, ReplayCommandOptions& options);

// "250ms", "30s", "2min", "1h" (or "0": none); FatalError(Usage) otherwise: a number needs its unit.
int parse_duration_ms(const std::string& text, const std::string& option);
// The same rule as a CLI11 check, so that a config file's value is refused with its line.
CLI::Validator duration_check();

// Set by the first SIGINT after install_interrupt_handler(); the second one kills the process.
const std::atomic<bool>& interrupt_requested();
void install_interrupt_handler();

// A progress line on standard error ("replay 12/40 templates, 3.1 s, ETA 7 s"), or nothing when
// standard error is not a terminal or `quiet` is set.
ReplayProgress terminal_progress(bool quiet);

}  // namespace pgadvisor
