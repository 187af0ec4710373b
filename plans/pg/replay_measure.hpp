// The figures of one measured EXPLAIN ANALYZE run (execution and planning time, shared buffers
// hit and read) and what a set of runs says: the median run, the spread, and whether the cache
// was cold (blocks read from outside shared buffers) or warm. Pure functions.
#pragma once

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
};

ReplayRun measure_run(const Plan& analyzed_plan);

// Index of the run with the median execution time (the lower median for an even count);
// nullopt for none.
std::optional<size_t> median_run(const std::vector<ReplayRun>& runs);

struct RunSpread {
  double min_ms = 0;
  double max_ms = 0;
};
RunSpread run_spread(const std::vector<ReplayRun>& runs);

// "cold" when a run read any block from outside shared buffers, "warm" otherwise.
std::string cache_state(const ReplayRun& run);

}  // namespace pgadvisor
