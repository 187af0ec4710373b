// The limits every measurement of an audit stage obeys. The long-query threshold: a statement
// whose first EXPLAIN ANALYZE run takes longer is measured by that one run (no more runs, no
// median). The stage's time budget: once it is spent, no new measurement starts (one already
// running ends normally); a measurement that may not start throws MeasureBudgetExhausted, a
// DatabaseError thrown before anything runs, so the transaction stays usable and each stage
// reports the template it concerns as not measured, as it does any database error. The stage
// runner sets the limits for the thread that runs the stage (MeasureScope); measure_median reads
// them, so the finding savings, the rewrite timing and --verify follow one rule.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "plans/pg/session.hpp"

namespace pgadvisor {

// A stage's time budget (none: unbounded), and the measurements it let run.
class MeasureBudget {
 public:
  MeasureBudget(std::string stage, std::optional<double> seconds);

  // Counts a measurement that starts now, or throws MeasureBudgetExhausted (and counts it left).
  void start_measurement();
  void note_long_query() { ++long_queries_; }

  bool spent() const;
  const std::string& stage() const { return stage_; }
  std::optional<double> seconds() const { return seconds_; }
  int measured() const { return measured_; }
  int unmeasured() const { return unmeasured_; }
  int long_queries() const { return long_queries_; }

 private:
  std::string stage_;
  std::optional<double> seconds_;
  std::chrono::steady_clock::time_point deadline_;
  int measured_ = 0;
  int unmeasured_ = 0;
  int long_queries_ = 0;
};

class MeasureBudgetExhausted : public DatabaseError {
 public:
  explicit MeasureBudgetExhausted(const MeasureBudget& budget);
};

struct MeasureLimits {
  double long_query_ms = 0;         // 0: every measurement takes all its runs
  MeasureBudget* budget = nullptr;  // none: nothing counted, no time budget
};

// The limits of the current thread's stage; none outside a stage.
const MeasureLimits& current_measure_limits();

// Sets the current thread's limits while alive, and puts the previous ones back.
class MeasureScope {
 public:
  explicit MeasureScope(const MeasureLimits& limits);
  ~MeasureScope();
  MeasureScope(const MeasureScope&) = delete;
  MeasureScope& operator=(const MeasureScope&) = delete;

 private:
  MeasureLimits previous_;
};

}  // namespace pgadvisor
