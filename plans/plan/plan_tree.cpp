#include "plans/plan/plan_tree.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace pgadvisor {
namespace {

template <typename T>
std::optional<T> optional_field(const nlohmann::json& node, const char* key) {
  if (!node.contains(key) || node[key].is_null()) return std::nullopt;
  return node[key].get<T>();
}

PlanNode parse_node(const nlohmann::json& node) {
  PlanNode parsed;
  parsed.node_type = node.value("Node Type", "");
  parsed.relation = node.value("Relation Name", "");
  parsed.alias = node.value("Alias", "");
  parsed.index_name = node.value("Index Name", "");
  for (const char* key : {"Index Cond", "Recheck Cond", "Filter"}) {
    if (node.contains(key)) parsed.filter += (parsed.filter.empty() ? "" : " ") + node[key].get<std::string>();
  }
  parsed.startup_cost = node.value("Startup Cost", 0.0);
  parsed.total_cost = node.value("Total Cost", 0.0);
  parsed.plan_rows = node.value("Plan Rows", 0.0);
  parsed.actual_rows = optional_field<double>(node, "Actual Rows");
  parsed.actual_loops = optional_field<double>(node, "Actual Loops");
  parsed.actual_total_ms = optional_field<double>(node, "Actual Total Time");
  parsed.rows_removed_by_filter = optional_field<double>(node, "Rows Removed by Filter");
  parsed.sort_method = node.value("Sort Method", "");
  parsed.shared_hit_blocks = optional_field<long long>(node, "Shared Hit Blocks");
  parsed.shared_read_blocks = optional_field<long long>(node, "Shared Read Blocks");
  for (const auto& child : node.value("Plans", nlohmann::json::array())) parsed.children.push_back(parse_node(child));
  return parsed;
}

void collect(const PlanNode& node, std::vector<const PlanNode*>& out) {
  out.push_back(&node);
  for (const auto& child : node.children) collect(child, out);
}

std::string describe(const PlanNode& node) {
  std::string text = node.node_type;
  if (!node.index_name.empty()) text += " using " + node.index_name;
  if (!node.relation.empty()) text += " on " + node.relation;
  if (!node.sort_method.empty()) text += " (" + node.sort_method + ")";
  if (node.actual_rows && node.actual_loops) {
    text += fmt::format(" (rows {:.0f}", *node.actual_rows * *node.actual_loops);
    if (node.rows_removed_by_filter && *node.rows_removed_by_filter > 0)
      text += fmt::format(", {:.0f} removed", *node.rows_removed_by_filter * *node.actual_loops);
    text += ")";
  }
  return text;
}

}  // namespace

Plan parse_explain_json(const nlohmann::json& explain_output) {
  const nlohmann::json* top = &explain_output;
  if (top->is_array()) {
    if (top->empty()) throw std::runtime_error("empty EXPLAIN output");
    top = &(*top)[0];
  }
  if (!top->is_object() || !top->contains("Plan")) throw std::runtime_error("EXPLAIN output has no \"Plan\"");
  Plan plan;
  plan.root = parse_node((*top)["Plan"]);
  plan.planning_ms = optional_field<double>(*top, "Planning Time");
  plan.execution_ms = optional_field<double>(*top, "Execution Time");
  return plan;
}

std::vector<const PlanNode*> plan_nodes(const Plan& plan) {
  std::vector<const PlanNode*> nodes;
  collect(plan.root, nodes);
  return nodes;
}

std::string summarize_plan(const Plan& plan) {
  // Follow the costliest child at each level: that is where the time goes.
  std::string summary;
  const PlanNode* node = &plan.root;
  while (node) {
    summary += (summary.empty() ? "" : " ← ") + describe(*node);
    const PlanNode* next = nullptr;
    for (const auto& child : node->children)
      if (!next || child.total_cost > next->total_cost) next = &child;
    node = next;
  }
  return summary;
}

}  // namespace pgadvisor
