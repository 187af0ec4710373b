// Replay of many statements over N connections at once. Each worker owns a Session and takes
// the next job; results keep the jobs' order. A connection the server ends or loses is opened
// again and the statement it was replaying runs again, so the run resumes where it stopped (a
// note says so); one the client deadline had to end is not run again but planned with a plain
// EXPLAIN on a fresh connection. Setting `stop` (Ctrl-C) cancels the statements running and ends the run: the
// jobs not measured are marked as interrupted, what was measured is kept. A server lost for
// good (no connection opens again) ends the run with `server_lost`. Failing to open the first
// connections throws FatalError(Connection).
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "plans/diagnostic.hpp"
#include "plans/pg/replay.hpp"

namespace pgadvisor {

struct ReplayJob {
  const Statement* statement = nullptr;
  const StatementClass* statement_class = nullptr;
};

struct ReplayRunnerOptions {
  std::string dsn;
  SessionSettings session;
  ReplayPolicy policy;
  int connections = 2;
  int reconnect_attempts = 3;  // per job
  // Called (one call at a time) with each job's final result as it is measured, for the
  // resume journal; not for a job Ctrl-C or a lost connection cut short.
  std::function<void(size_t job, const ReplayResult& result)> on_result;
};

struct ReplayRunOutcome {
  std::vector<ReplayResult> results;  // one per job, in the jobs' order
  Diagnostics notes;                  // reconnections
  bool interrupted = false;
  bool server_lost = false;  // connections lost and not opened again: jobs left unmeasured
};

using ReplayProgress = std::function<void(size_t done, size_t total)>;

ReplayRunOutcome run_replay(const std::vector<ReplayJob>& jobs, const ReplayRunnerOptions& options,
                            const std::atomic<bool>& stop, const ReplayProgress& progress = {});

}  // namespace pgadvisor
