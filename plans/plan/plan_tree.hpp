// PlanNode: one node of a plan parsed from EXPLAIN (FORMAT JSON), with the planner's estimates
// and, when the plan was analyzed, the measured actuals; Plan: the whole tree plus the
// statement-level timings. summarize_plan() gives the compact one-line form used in reports.
// A document that is not an EXPLAIN JSON plan throws std::runtime_error.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace pgadvisor {

struct PlanNode {
  std::string node_type;       // "Seq Scan", "Index Scan", "Sort", ...
  std::string relation;        // for scans
  std::string alias;
  std::string index_name;      // for index scans
  std::string filter;          // Filter / Index Cond / Recheck Cond as printed
  double startup_cost = 0;
  double total_cost = 0;
  double plan_rows = 0;
  std::optional<double> actual_rows;        // per loop
  std::optional<double> actual_loops;
  std::optional<double> actual_total_ms;    // per loop
  std::optional<double> rows_removed_by_filter;
  std::string sort_method;                  // e.g. "top-N heapsort", "external merge"
  std::optional<long long> shared_hit_blocks;
  std::optional<long long> shared_read_blocks;
  std::vector<PlanNode> children;
};

struct Plan {
  PlanNode root;
  std::optional<double> planning_ms;
  std::optional<double> execution_ms;  // present only when analyzed
};

Plan parse_explain_json(const nlohmann::json& explain_output);

// e.g. "Limit ← Sort (top-N heapsort) ← Seq Scan on blog_post (rows 20, 99 980 removed)"
std::string summarize_plan(const Plan& plan);

// Every node of the tree, depth first, root first.
std::vector<const PlanNode*> plan_nodes(const Plan& plan);

}  // namespace pgadvisor
