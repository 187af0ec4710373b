// PlanNode: one node of a plan parsed from EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON), with the
// planner's estimates and, when the plan was analyzed, the measured actuals; Plan: the whole tree
// plus the statement-level timings and triggers. summarize_plan() gives the compact one-line form
// used in reports; row_estimate_error() and worst_misestimate() measure how far the row estimates
// were off. A document that is not an EXPLAIN JSON plan throws std::runtime_error.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace pgadvisor {

// Every optional is nullopt when EXPLAIN did not print the property (not analyzed, no BUFFERS,
// track_io_timing off, not that kind of node, ...). Like PostgreSQL, actual rows, times and rows
// removed are per loop: multiply by actual_loops for the node's total.
struct PlanNode {
  std::string node_type;            // "Seq Scan", "Index Scan", "Sort", ...
  std::string parent_relationship;  // "Outer", "Inner", "SubPlan", ...; empty at the root
  std::string join_type;            // joins: "Inner", "Left", "Semi", "Anti", ...
  std::string strategy;             // Aggregate: "Plain", "Sorted", "Hashed", "Mixed"; empty when not given
  std::string relation;             // for scans
  std::string alias;
  std::string index_name;           // for index scans
  std::string filter;               // Index Cond, Recheck Cond and Filter as printed, space-separated
  std::string index_cond;           // "Index Cond" alone
  std::string recheck_cond;         // "Recheck Cond" alone
  std::string join_filter;          // "Join Filter"
  std::string hash_cond;            // "Hash Cond"
  std::string merge_cond;           // "Merge Cond"
  double startup_cost = 0;
  double total_cost = 0;
  double plan_rows = 0;             // per loop, like actual_rows
  int plan_width = 0;               // bytes
  std::optional<double> actual_rows;        // per loop
  std::optional<double> actual_loops;
  std::optional<double> actual_startup_ms;  // per loop
  std::optional<double> actual_total_ms;    // per loop
  std::optional<double> rows_removed_by_filter;         // per loop
  std::optional<double> rows_removed_by_join_filter;    // per loop
  std::optional<double> rows_removed_by_index_recheck;  // per loop
  std::vector<std::string> sort_key;        // e.g. {"view_count DESC", "id"}
  std::string sort_method;                  // e.g. "top-N heapsort", "external merge"
  std::optional<long long> sort_space_used_kb;
  std::string sort_space_type;              // "Memory" or "Disk"
  std::optional<long long> hash_buckets;
  std::optional<long long> original_hash_buckets;
  std::optional<long long> hash_batches;    // more than 1: the hash table spilled to temp files
  std::optional<long long> original_hash_batches;
  std::optional<long long> peak_memory_kb;  // "Peak Memory Usage" of a Hash node
  std::optional<int> workers_planned;       // Gather, Gather Merge
  std::optional<int> workers_launched;
  std::optional<long long> shared_hit_blocks;
  std::optional<long long> shared_read_blocks;
  std::optional<long long> shared_dirtied_blocks;
  std::optional<long long> shared_written_blocks;
  std::optional<long long> local_hit_blocks;
  std::optional<long long> local_read_blocks;
  std::optional<long long> local_dirtied_blocks;
  std::optional<long long> local_written_blocks;
  std::optional<long long> temp_read_blocks;
  std::optional<long long> temp_written_blocks;
  std::optional<double> io_read_ms;         // track_io_timing: "I/O Read Time" (shared and local)
  std::optional<double> io_write_ms;
  std::optional<double> temp_io_read_ms;    // track_io_timing: "Temp I/O Read Time"
  std::optional<double> temp_io_write_ms;
  std::vector<PlanNode> children;
};

// A trigger that fired during EXPLAIN ANALYZE (foreign-key checks included, when immediate).
struct PlanTrigger {
  std::string name;
  std::string constraint_name;  // empty for a trigger that is not a constraint's
  std::string relation;
  double time_ms = 0;           // total over all calls
  long long calls = 0;
};

struct Plan {
  PlanNode root;
  std::optional<double> planning_ms;
  std::optional<double> execution_ms;  // present only when analyzed
  std::vector<PlanTrigger> triggers;   // analyzed data-modifying statements only
};

Plan parse_explain_json(const nlohmann::json& explain_output);

// e.g. "Limit ← Sort (top-N heapsort) ← Seq Scan on blog_post (rows 20, 99 980 removed)"
std::string summarize_plan(const Plan& plan);

// Every node of the tree, depth first, root first.
std::vector<const PlanNode*> plan_nodes(const Plan& plan);

// How far the row estimate was off: max(estimated, actual) / min(estimated, actual), both per
// loop as PostgreSQL reports them, with fewer than 1 row counted as 1, so the factor is >= 1.
// nullopt when the node was not analyzed or never executed (0 loops). A node cut short by a
// Limit above it returns fewer rows than estimated without the estimate being wrong.
std::optional<double> row_estimate_error(const PlanNode& node);

// The node with the largest row_estimate_error (the first one, depth first, on a tie); nullptr
// when no node was analyzed. Points into `plan`.
const PlanNode* worst_misestimate(const Plan& plan);

}  // namespace pgadvisor
