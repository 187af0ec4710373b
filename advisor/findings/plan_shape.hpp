// Reading the one-line plan summaries of a JSON report (summarize_plan: "Limit (rows 1) ←
// Index Scan using blog_author_pkey on blog_author (rows 1)") back into nodes, and how each
// relation's access changed between two such plans: an index access (Index Scan, Index Only
// Scan, Bitmap Heap Scan) that became a Seq Scan, or the reverse. Costs and row counts are not
// shape. Pure.
#pragma once

#include <string>
#include <vector>

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

// The same nodes (types, indexes, relations, sort methods) in the same order; row counts aside.
bool same_plan_nodes(const std::string& plan_a, const std::string& plan_b);

struct AccessChange {
  std::string relation;
  std::string before;  // "Bitmap Heap Scan using blog_comment_post_id_580e96ef", "Seq Scan"
  std::string after;
  bool worse = false;  // true: an index access became a Seq Scan; false: a Seq Scan became one

  std::string text() const;  // "Seq Scan on blog_comment instead of Bitmap Heap Scan using ..."
};

// Relations scanned in both plans whose access kind changed: before read through an index and
// after only by Seq Scan (worse), or the reverse (better). Relations found in one plan only are
// left out (the summary follows the costliest branch). Ordered by relation name.
std::vector<AccessChange> access_changes(const std::string& plan_before, const std::string& plan_after);

}  // namespace pgadvisor
