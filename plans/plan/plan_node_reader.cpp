#include "plans/plan/plan_node_reader.hpp"

namespace pgadvisor {
namespace {

std::string text_field(const nlohmann::json& node, const char* key) {
  auto found = node.find(key);
  if (found == node.end() || found->is_null()) return "";
  return found->get<std::string>();
}

// PostgreSQL 17 split "I/O Read Time" into "Shared I/O Read Time" and "Local I/O Read Time".
std::optional<double> io_time(const nlohmann::json& node, const char* key, const char* shared_key) {
  if (auto ms = optional_json_field<double>(node, key)) return ms;
  return optional_json_field<double>(node, shared_key);
}

void read_conditions(const nlohmann::json& node, PlanNode& parsed) {
  parsed.index_cond = text_field(node, "Index Cond");
  parsed.recheck_cond = text_field(node, "Recheck Cond");
  for (const std::string* condition : {&parsed.index_cond, &parsed.recheck_cond}) {
    if (!condition->empty()) parsed.filter += (parsed.filter.empty() ? "" : " ") + *condition;
  }
  std::string filter = text_field(node, "Filter");
  if (!filter.empty()) parsed.filter += (parsed.filter.empty() ? "" : " ") + filter;
  parsed.join_filter = text_field(node, "Join Filter");
  parsed.hash_cond = text_field(node, "Hash Cond");
  parsed.merge_cond = text_field(node, "Merge Cond");
}

void read_actuals(const nlohmann::json& node, PlanNode& parsed) {
  parsed.actual_rows = optional_json_field<double>(node, "Actual Rows");
  parsed.actual_loops = optional_json_field<double>(node, "Actual Loops");
  parsed.actual_startup_ms = optional_json_field<double>(node, "Actual Startup Time");
  parsed.actual_total_ms = optional_json_field<double>(node, "Actual Total Time");
  parsed.rows_removed_by_filter = optional_json_field<double>(node, "Rows Removed by Filter");
  parsed.rows_removed_by_join_filter = optional_json_field<double>(node, "Rows Removed by Join Filter");
  parsed.rows_removed_by_index_recheck = optional_json_field<double>(node, "Rows Removed by Index Recheck");
}

void read_sort_and_hash(const nlohmann::json& node, PlanNode& parsed) {
  if (auto keys = node.find("Sort Key"); keys != node.end() && keys->is_array())
    for (const auto& key : *keys) parsed.sort_key.push_back(key.get<std::string>());
  parsed.sort_method = text_field(node, "Sort Method");
  parsed.sort_space_used_kb = optional_json_field<long long>(node, "Sort Space Used");
  parsed.sort_space_type = text_field(node, "Sort Space Type");
  parsed.hash_buckets = optional_json_field<long long>(node, "Hash Buckets");
  parsed.original_hash_buckets = optional_json_field<long long>(node, "Original Hash Buckets");
  parsed.hash_batches = optional_json_field<long long>(node, "Hash Batches");
  parsed.original_hash_batches = optional_json_field<long long>(node, "Original Hash Batches");
  parsed.peak_memory_kb = optional_json_field<long long>(node, "Peak Memory Usage");
  parsed.workers_planned = optional_json_field<int>(node, "Workers Planned");
  parsed.workers_launched = optional_json_field<int>(node, "Workers Launched");
}

void read_buffers(const nlohmann::json& node, PlanNode& parsed) {
  parsed.shared_hit_blocks = optional_json_field<long long>(node, "Shared Hit Blocks");
  parsed.shared_read_blocks = optional_json_field<long long>(node, "Shared Read Blocks");
  parsed.shared_dirtied_blocks = optional_json_field<long long>(node, "Shared Dirtied Blocks");
  parsed.shared_written_blocks = optional_json_field<long long>(node, "Shared Written Blocks");
  parsed.local_hit_blocks = optional_json_field<long long>(node, "Local Hit Blocks");
  parsed.local_read_blocks = optional_json_field<long long>(node, "Local Read Blocks");
  parsed.local_dirtied_blocks = optional_json_field<long long>(node, "Local Dirtied Blocks");
  parsed.local_written_blocks = optional_json_field<long long>(node, "Local Written Blocks");
  parsed.temp_read_blocks = optional_json_field<long long>(node, "Temp Read Blocks");
  parsed.temp_written_blocks = optional_json_field<long long>(node, "Temp Written Blocks");
  parsed.io_read_ms = io_time(node, "I/O Read Time", "Shared I/O Read Time");
  parsed.io_write_ms = io_time(node, "I/O Write Time", "Shared I/O Write Time");
  parsed.temp_io_read_ms = optional_json_field<double>(node, "Temp I/O Read Time");
  parsed.temp_io_write_ms = optional_json_field<double>(node, "Temp I/O Write Time");
}

}  // namespace

PlanNode read_plan_node(const nlohmann::json& node) {
  PlanNode parsed;
  parsed.node_type = text_field(node, "Node Type");
  parsed.parent_relationship = text_field(node, "Parent Relationship");
  parsed.join_type = text_field(node, "Join Type");
  parsed.strategy = text_field(node, "Strategy");
  parsed.relation = text_field(node, "Relation Name");
  parsed.alias = text_field(node, "Alias");
  parsed.index_name = text_field(node, "Index Name");
  read_conditions(node, parsed);
  parsed.startup_cost = node.value("Startup Cost", 0.0);
  parsed.total_cost = node.value("Total Cost", 0.0);
  parsed.plan_rows = node.value("Plan Rows", 0.0);
  parsed.plan_width = node.value("Plan Width", 0);
  read_actuals(node, parsed);
  read_sort_and_hash(node, parsed);
  read_buffers(node, parsed);
  for (const auto& child : node.value("Plans", nlohmann::json::array())) parsed.children.push_back(read_plan_node(child));
  return parsed;
}

std::vector<PlanTrigger> read_plan_triggers(const nlohmann::json& top) {
  std::vector<PlanTrigger> triggers;
  auto list = top.find("Triggers");
  if (list == top.end() || !list->is_array()) return triggers;
  for (const auto& entry : *list) {
    PlanTrigger trigger;
    trigger.name = text_field(entry, "Trigger Name");
    trigger.constraint_name = text_field(entry, "Constraint Name");
    trigger.relation = text_field(entry, "Relation");
    trigger.time_ms = entry.value("Time", 0.0);
    trigger.calls = entry.value("Calls", 0LL);
    triggers.push_back(trigger);
  }
  return triggers;
}

}  // namespace pgadvisor
