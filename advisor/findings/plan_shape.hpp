// A plan's shape for comparing two reports: its nodes (type, index, relation, sort method), root
// first, and how each relation's access changed between two plans: an index access (Index Scan,
// Index Only Scan, Bitmap Heap Scan) that became a Seq Scan, or the reverse. Costs and row
// counts are not shape. A JSON report keeps every node of each replayed plan (plan_nodes, from
// the plan tree); a report written before it had only the one-line summary of the costliest
// branch (summarize_plan: "Limit (rows 1) ← Index Scan using blog_author_pkey on blog_author
// (rows 1)"), which parse_plan_summary reads back. Pure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "plans/plan/plan_tree.hpp"

namespace pgadvisor {

struct PlanSummaryNode {
  std::string node_type;  // "Index Scan", "Seq Scan", "Bitmap Heap Scan", "Sort", ...
  std::string index;      // after "using", or empty
  std::string relation;   // after "on", or empty
  std::string detail;     // the groups in parentheses but the row counts: "top-N heapsort"
};

// The summary's nodes, root first; "←" or "<-" separate them. Never throws: text that is not a
// summary gives nodes with only a node_type.
std::vector<PlanSummaryNode> parse_plan_summary(const std::string& summary);

// Every node of the plan, root first (depth first), as the report's plan_nodes keep them:
// [{node_type, index, relation, sort_method}], absent fields as "".
nlohmann::json plan_nodes_to_json(const Plan& plan);
std::vector<PlanSummaryNode> plan_nodes_from_json(const nlohmann::json& nodes);

// The same nodes (types, indexes, relations, sort methods) in the same order; row counts aside.
bool same_plan_nodes(const std::vector<PlanSummaryNode>& a, const std::vector<PlanSummaryNode>& b);

struct AccessChange {
  std::string relation;
  std::string before;  // "Bitmap Heap Scan using blog_comment_post_id_580e96ef", "Seq Scan"
  std::string after;
  bool worse = false;  // true: an index access became a Seq Scan; false: a Seq Scan became one

  std::string text() const;  // "Seq Scan on blog_comment instead of Bitmap Heap Scan using ..."
};

// Relations scanned in both plans whose access kind changed: before read through an index and
// after only by Seq Scan (worse), or the reverse (better). Relations found in one plan only are
// left out (a summary follows the costliest branch only). Ordered by relation name.
std::vector<AccessChange> access_changes(const std::vector<PlanSummaryNode>& before,
                                         const std::vector<PlanSummaryNode>& after);

}  // namespace pgadvisor
