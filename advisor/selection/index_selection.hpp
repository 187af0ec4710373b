// Greedy index selection over the workload objective, in the spirit of Extend (Schlosser et
// al., ICDE 2019): each round weighs every move — add a useful candidate, or widen an index
// already chosen into a candidate that starts with the same columns (same table and predicate)
// — by the time it saves over the whole log minus its write cost, and takes the best one, until
// no move saves enough. A move must lower some template's cost by the minimum share of its
// original cost (or by the significant saving per call) and its time per call by the minimum
// saving, save more than the minimum benefit
// over the log, and keep the configuration within the index
// count and the size budget. Two passes rank moves by benefit per byte and by benefit alone
// (ratio-greedy alone can strand a budget); the per-byte result is kept when it saves at least
// `lean_share` of the other's saving in no more space, else the one that saves more. In each
// pass, each chosen index that the others made redundant is removed at the end.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "advisor/whatif/workload_objective.hpp"

namespace pgadvisor {

struct SelectionOptions {
  size_t max_indexes = 10;
  long long budget_bytes = 0;    // total size of the proposed indexes; 0: no limit
  double min_improvement = 0.2;  // share of a template's original cost a move must remove
  double min_benefit_ms = 0;     // over the log, after the write penalty
  // ... and at least this share of what the best single candidate saves: a scale-free floor
  // that keeps marginal indexes out of a workload whatever its size
  double min_benefit_share = 0.01;
  // ... and lower some template's time by this much per call: no index for cheap queries
  double min_call_saving_ms = 0.1;
  // A move that lowers some template's time by this much per call needs no min_improvement: a
  // tenth of an 11 s report query is time its users wait, whatever share of the query it is.
  double significant_call_saving_ms = 100.0;
  // An index must pay for its size: this many ms saved over the log per MB it adds (a 70 MB
  // index must save 70 ms), and, when the log's span is known (per_day), this many a day.
  double min_saving_per_mb_ms = 1.0;
  double min_saving_per_mb_day_ms = 100.0;
  std::optional<double> per_day;  // per-log to per-day multiplier; nullopt when the span is unknown
  double lean_share = 0.95;  // a leaner configuration is preferred when it saves this share
};

struct Selection {
  Configuration chosen;
  double net_ms = 0;      // objective of `chosen`
  long long size_bytes = 0;
  std::string method;     // "greedy (benefit per byte)", "greedy (benefit)", "exact"
};

// The candidates that widen chosen candidate `c` by one column (Extend's step); empty when it
// is as wide as allowed. The greedy adds them to the objective as soon as `c` is chosen, so the
// next rounds weigh replacing `c` by each of them against every other move.
using Widening = std::function<std::vector<IndexCandidate>(size_t c)>;

Selection select_greedy(WorkloadObjective& objective, const SelectionOptions& options, const Widening& widen = {});

// One greedy pass ranking moves by saving / size^size_exponent (0: by saving; 1: per byte).
Selection greedy_pass(WorkloadObjective& objective, const SelectionOptions& options, double size_exponent,
                      const Widening& widen = {});

// True when `wider` could replace `narrower`: same table and predicate, and narrower's key
// columns a leading prefix of wider's (wider being longer or adding INCLUDE columns).
bool widens(const IndexCandidate& wider, const IndexCandidate& narrower);

// Whether saving `saved_ms` over the log pays for `added_bytes` of index (min_saving_per_mb_*).
bool pays_for_size(double saved_ms, long long added_bytes, const SelectionOptions& options);

// Whether going from `from` to `to` (which adds `added`) lowers some template that `added` helps
// by the minimum share of its original cost and the minimum saving per call.
bool improves_enough(WorkloadObjective& objective, size_t added, const Configuration& from, const Configuration& to,
                     const SelectionOptions& options);

}  // namespace pgadvisor
