// The advisor's cost model: how planner cost turns into time, and what an index costs writes.
// - Each template's cost-to-milliseconds ratio over its replayed plan's total cost: its mean
//   time in the log when the log has durations (the same on every run, so replay noise never
//   changes which indexes are chosen, and a template's savings never exceed its logged time),
//   else its replayed median time, else the timeout a timed-out replay ran into (a lower bound);
//   a template with none of these takes the median ratio of the others.
//   Saved time = calls × ratio × (cost without − cost with).
// - A write penalty per index: every row an INSERT writes, and every row a DELETE leaves for
//   VACUUM to remove, costs one index entry (`index_write_ms`, an assumption the user can set);
//   an UPDATE costs one only when it sets a column the index holds, and when no existing index
//   holds one, it also stops being a HOT update, so every index of the table gets an entry.
//   Rows come from the replayed plan (actual rows when analyzed, the estimate otherwise).
// - The log's span (first to last timestamp) turns per-log figures into per-day ones.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "advisor/candidates/index_candidate.hpp"
#include "plans/pg/replay.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

struct CostModelOptions {
  // One index entry written (or vacuumed) for one row: bench/index-write-cost measured 0.0017 ms
  // (keys arriving in order) to 0.0076 ms (random order) on the 2-core development machine.
  double index_write_ms = 0.003;
};

// Per template: milliseconds per unit of planner cost, and whether it was measured (false:
// borrowed from the median of the measured ones, or 0.003 when none was measured).
enum class TimeSource { Log, Replay, Timeout, Borrowed };
struct TimeScale {
  double ms_per_cost = 0;
  bool measured = false;
  TimeSource source = TimeSource::Borrowed;
};
// `templates` may hold nullptr (no logged time), else one per replay.
std::vector<TimeScale> time_scales(const std::vector<const QueryTemplate*>& templates,
                                   const std::vector<const ReplayResult*>& replays);

// How a template's saving of planner cost is weighed (--weigh-by):
// - Time: at the template's own ratio (the default: the saving of the queries that are slow
//   for their cost, where the cost model misjudges the work, counts for more);
// - Cost: at one ratio for the whole workload, its measured time over its cost (calls
//   counted), so every unit of planner cost weighs the same, as the published index selection
//   algorithms and their benchmarks weigh it. The figures stay milliseconds.
enum class Weighing { Time, Cost };
// `scales` with every ratio replaced by the workload's (calls[t] × ms_per_cost[t] × cost[t]
// summed over the measured templates, over calls[t] × cost[t] summed over them); unchanged
// when none was measured.
std::vector<TimeScale> workload_time_scales(std::vector<TimeScale> scales, const std::vector<double>& calls,
                                            const std::vector<double>& costs);

struct TableWrite {
  std::string table;  // qualified name
  StatementKind kind = StatementKind::Insert;
  long long calls = 0;
  double rows_per_call = 0;
  std::vector<std::string> updated_columns;  // UPDATE only
  std::string fingerprint;
};
// The rows a data-modifying statement's plan writes: its ModifyTable input's rows.
double rows_written(const Plan& plan);
std::vector<TableWrite> table_writes(const std::vector<const QueryTemplate*>& templates,
                                     const std::vector<const ReplayResult*>& replays);

// Write cost over the log of adding `candidate`, given the indexes the table already has.
double write_penalty_ms(const IndexCandidate& candidate, const std::vector<TableWrite>& writes,
                        const std::vector<ExistingIndex>& existing, const CostModelOptions& options);

// Seconds between two logged timestamps ("2024-06-30 12:00:00.123 UTC"); nullopt when either is
// missing or unreadable. Time zones are taken to be the same.
std::optional<double> log_span_seconds(const std::string& first, const std::string& last);

// Multiplier from per-log to per-day figures; nullopt when the span is unknown or under a second.
std::optional<double> per_day_factor(const std::string& first, const std::string& last);

}  // namespace pgadvisor
