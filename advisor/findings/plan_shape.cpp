#include "advisor/findings/plan_shape.hpp"

#include <algorithm>
#include <map>

namespace pgadvisor {
namespace {

std::vector<std::string> split_nodes(const std::string& summary) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= summary.size()) {
    size_t arrow = summary.find(" \xE2\x86\x90 ", start);  // " ← "
    size_t ascii = summary.find(" <- ", start);
    size_t cut = std::min(arrow, ascii);
    size_t width = cut == arrow ? 5 : 4;
    parts.push_back(summary.substr(start, cut == std::string::npos ? std::string::npos : cut - start));
    if (cut == std::string::npos) break;
    start = cut + width;
  }
  return parts;
}

std::string trim(std::string text) {
  size_t first = text.find_first_not_of(" \t\n");
  if (first == std::string::npos) return "";
  size_t last = text.find_last_not_of(" \t\n");
  return text.substr(first, last - first + 1);
}

PlanSummaryNode parse_node(std::string text) {
  text = trim(text);
  // Trailing groups: "(top-N heapsort)", "(rows 3559, 389 removed)".
  PlanSummaryNode node;
  while (!text.empty() && text.back() == ')') {
    size_t open = text.rfind(" (");
    if (open == std::string::npos) break;
    std::string group = text.substr(open + 2, text.size() - open - 3);
    if (group.rfind("rows ", 0) != 0) node.detail = group + (node.detail.empty() ? "" : "; " + node.detail);
    text = trim(text.substr(0, open));
  }
  size_t using_at = text.find(" using ");
  size_t on_at = text.rfind(" on ");
  if (on_at != std::string::npos && using_at != std::string::npos && on_at < using_at) on_at = std::string::npos;
  node.node_type = text.substr(0, std::min(using_at, on_at));
  if (using_at != std::string::npos)
    node.index = text.substr(using_at + 7, on_at == std::string::npos ? std::string::npos : on_at - using_at - 7);
  if (on_at != std::string::npos) node.relation = text.substr(on_at + 4);
  return node;
}

bool is_index_access(const std::string& type) {
  return type == "Index Scan" || type == "Index Only Scan" || type == "Bitmap Heap Scan";
}

struct RelationAccess {
  std::string index_access;  // the first index access's description, or empty
  bool seq_scan = false;
};

std::map<std::string, RelationAccess> accesses(const std::vector<PlanSummaryNode>& nodes) {
  std::map<std::string, RelationAccess> out;
  for (size_t i = 0; i < nodes.size(); ++i) {
    const PlanSummaryNode& node = nodes[i];
    if (node.relation.empty()) continue;
    RelationAccess& access = out[node.relation];
    if (node.node_type == "Seq Scan") access.seq_scan = true;
    if (!is_index_access(node.node_type) || !access.index_access.empty()) continue;
    std::string index = node.index;
    // A Bitmap Heap Scan names no index: its Bitmap Index Scan below does.
    if (index.empty() && i + 1 < nodes.size() && nodes[i + 1].node_type == "Bitmap Index Scan") index = nodes[i + 1].index;
    access.index_access = node.node_type + (index.empty() ? "" : " using " + index);
  }
  return out;
}

}  // namespace

std::vector<PlanSummaryNode> parse_plan_summary(const std::string& summary) {
  std::vector<PlanSummaryNode> nodes;
  if (trim(summary).empty()) return nodes;
  for (const auto& part : split_nodes(summary)) nodes.push_back(parse_node(part));
  return nodes;
}

nlohmann::json plan_nodes_to_json(const Plan& plan) {
  nlohmann::json out = nlohmann::json::array();
  for (const PlanNode* node : plan_nodes(plan))
    out.push_back({{"node_type", node->node_type},
                   {"index", node->index_name},
                   {"relation", node->relation},
                   {"sort_method", node->sort_method}});
  return out;
}

std::vector<PlanSummaryNode> plan_nodes_from_json(const nlohmann::json& nodes) {
  std::vector<PlanSummaryNode> out;
  if (!nodes.is_array()) return out;
  auto text = [](const nlohmann::json& node, const char* key) {
    auto found = node.find(key);
    return found != node.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  for (const auto& node : nodes)
    if (node.is_object())
      out.push_back({text(node, "node_type"), text(node, "index"), text(node, "relation"), text(node, "sort_method")});
  return out;
}

bool same_plan_nodes(const std::vector<PlanSummaryNode>& a, const std::vector<PlanSummaryNode>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const PlanSummaryNode& x, const PlanSummaryNode& y) {
    return x.node_type == y.node_type && x.index == y.index && x.relation == y.relation && x.detail == y.detail;
  });
}

std::string AccessChange::text() const { return after + " on " + relation + " instead of " + before; }

std::vector<AccessChange> access_changes(const std::vector<PlanSummaryNode>& plan_before,
                                         const std::vector<PlanSummaryNode>& plan_after) {
  std::map<std::string, RelationAccess> before = accesses(plan_before);
  std::map<std::string, RelationAccess> after = accesses(plan_after);
  std::vector<AccessChange> changes;
  for (const auto& [relation, was] : before) {
    auto found = after.find(relation);
    if (found == after.end()) continue;
    const RelationAccess& now = found->second;
    if (!was.index_access.empty() && now.index_access.empty() && now.seq_scan)
      changes.push_back({relation, was.index_access, "Seq Scan", true});
    else if (was.index_access.empty() && was.seq_scan && !now.index_access.empty() && !now.seq_scan)
      changes.push_back({relation, "Seq Scan", now.index_access, false});
  }
  return changes;
}

}  // namespace pgadvisor
