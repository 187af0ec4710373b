#include "plans/plan/subquery_share.hpp"

namespace pgadvisor {
namespace {

double total_rows(const PlanNode& node) { return node.actual_rows.value_or(0) * node.actual_loops.value_or(1); }
double total_ms(const PlanNode& node) { return node.actual_total_ms.value_or(0) * node.actual_loops.value_or(1); }

std::optional<SubqueryShare> find(const PlanNode& node) {
  if (node.parent_relationship == "SubPlan" && node.actual_total_ms)
    return SubqueryShare{"SubPlan", total_rows(node), total_ms(node), 0};
  bool semi_or_anti = node.join_type == "Semi" || node.join_type == "Anti";
  if (semi_or_anti && node.children.size() == 2 && node.children[1].actual_total_ms) {
    const PlanNode& inner = node.children[1];
    std::string form = node.node_type + (node.node_type.find(node.join_type) == std::string::npos
                                             ? " (" + std::string(node.join_type == "Semi" ? "semi" : "anti") + ")"
                                             : "");
    return SubqueryShare{form, total_rows(inner), total_ms(inner), 0};
  }
  for (const auto& child : node.children)
    if (auto found = find(child)) return found;
  return std::nullopt;
}

}  // namespace

std::optional<SubqueryShare> subquery_share(const Plan& plan) {
  auto share = find(plan.root);
  if (share) share->plan_ms = plan.execution_ms.value_or(0);
  return share;
}

}  // namespace pgadvisor
