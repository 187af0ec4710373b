// Plan smells: findings read from one template's analyzed replay plan — sorts and hash tables
// that spilled to disk, row estimates off by a large factor, scans that discard nearly every row
// they read, nested loops that run their inner side thousands of times, large sequential scans
// in frequent templates and SELECTs returning many rows without a LIMIT. Pure: no database.
#pragma once

#include <vector>

#include "advisor/model/finding.hpp"
#include "plans/pg/replay.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

struct PlanFindingOptions {
  double misestimate_factor = 10;      // row_estimate_error at or above this
  double misestimate_min_rows = 1000;  // ... on a node with this many rows (actual or estimated, all loops)
  double filter_discard_share = 0.9;   // a scan whose filter removes more than this share of rows read
  double filter_min_removed = 10000;   // ... and at least this many rows (all loops)
  double loop_count = 10000;           // a Nested Loop whose inner side runs this many times
  double large_relation_rows = 100000; // a Seq Scan reading this many rows ...
  long long frequent_calls = 5;        // ... in a template called this often
  double unbounded_rows = 10000;       // a SELECT without LIMIT returning this many rows
  double high_total_ms = 100;          // High severity: the template takes this long over the log,
  double high_plan_share = 0.5;        // or the node (with its inputs) this share of the plan's time
};

// At most one Finding per kind, on the worst node of that kind, with `tmpl.fingerprint` as its
// template. Nothing unless `replay` is Analyzed with a plan. saving_ms is 0 (not estimable from
// one plan).
std::vector<Finding> plan_findings(const QueryTemplate& tmpl, const ReplayResult& replay,
                                   const PlanFindingOptions& options = {});

}  // namespace pgadvisor
