#include "plans/plan/plan_tree.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "plans/plan/plan_node_reader.hpp"

namespace pgadvisor {
namespace {

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
  try {
    plan.root = read_plan_node((*top)["Plan"]);
    plan.planning_ms = optional_json_field<double>(*top, "Planning Time");
    plan.execution_ms = optional_json_field<double>(*top, "Execution Time");
    plan.triggers = read_plan_triggers(*top);
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(std::string("EXPLAIN output cannot be read: ") + error.what());
  }
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

std::optional<double> row_estimate_error(const PlanNode& node) {
  if (!node.actual_rows || (node.actual_loops && *node.actual_loops <= 0)) return std::nullopt;
  double estimated = std::max(node.plan_rows, 1.0);
  double actual = std::max(*node.actual_rows, 1.0);
  return std::max(estimated, actual) / std::min(estimated, actual);
}

const PlanNode* worst_misestimate(const Plan& plan) {
  const PlanNode* worst = nullptr;
  double worst_error = 0;
  for (const PlanNode* node : plan_nodes(plan)) {
    std::optional<double> error = row_estimate_error(*node);
    if (error && *error > worst_error) {
      worst = node;
      worst_error = *error;
    }
  }
  return worst;
}

}  // namespace pgadvisor
