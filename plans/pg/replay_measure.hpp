// pgadvisor's one measurement: run a statement k times under EXPLAIN (ANALYZE, BUFFERS) and take
// the median run (measure_median). The time of a run is its Planning Time plus its Execution
// Time as EXPLAIN ANALYZE reports them: what the server spends on a statement that is not
// prepared, which is how Django sends every query (an id-list rewrite's long IN list costs its
// planning too). The median is the lower median for an even k, and the median run's EXPLAIN
// output is kept. Replay, --verify, rewrite timing and finding savings all measure through it,
// under the current stage's limits (measure_limits.hpp): a first run longer than the long-query
// threshold is the only run, and a stage whose time budget is spent starts no measurement.
// Also the figures of one run (times, shared buffers hit and read), the spread of a set of runs
// and whether the cache was cold (blocks read from outside shared buffers) or warm.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "plans/plan/plan_tree.hpp"

namespace pgadvisor {

struct ReplayRun {
  double execution_ms = 0;
  double planning_ms = 0;
  long long shared_hit_blocks = 0;
  long long shared_read_blocks = 0;  // read from the OS or disk: a cold shared_buffers

  double ms() const { return planning_ms + execution_ms; }  // the time of the run (see above)
};

ReplayRun measure_run(const Plan& analyzed_plan);

// Index of the run with the median time (the lower median for an even count); nullopt for none.
std::optional<size_t> median_run(const std::vector<ReplayRun>& runs);

struct RunSpread {
  double min_ms = 0;
  double max_ms = 0;
};
RunSpread run_spread(const std::vector<ReplayRun>& runs);

struct MeasuredRuns {
  std::vector<ReplayRun> runs;
  nlohmann::json median_output;  // EXPLAIN JSON of the median run; null when no run
  bool long_query = false;       // the first run passed the long-query threshold: it is the only one
  std::optional<double> median_ms() const;
};

// Calls `run_once` (one EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON), its output returned) `runs`
// times, at least once; only once when that run took longer than the long-query threshold
// (`long_query_ms` when given, else the current stage's; 0: none). Throws
// MeasureBudgetExhausted, before any run, when the current stage's budget is spent. An
// exception from `run_once` (a timeout) propagates.
MeasuredRuns measure_median(int runs, const std::function<nlohmann::json()>& run_once,
                            std::optional<double> long_query_ms = std::nullopt);

// True when a run of `ms` passes the threshold (0: none).
bool is_long_query(double ms, double long_query_ms);

// "cold" when a run read any block from outside shared buffers, "warm" otherwise.
std::string cache_state(const ReplayRun& run);

}  // namespace pgadvisor
