#include "advisor/whatif/whatif.hpp"

#include "plans/pg/explain.hpp"
#include "plans/plan/plan_tree.hpp"

namespace pgadvisor {

bool hypopg_installed(Transaction& tx) {
  return !tx.query("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'").empty();
}

bool is_out_of_hypothetical_oids(const std::string& message) {
  return message.find("hypopg") != std::string::npos && message.find("oid") != std::string::npos;
}

WhatIf::WhatIf(Transaction& tx) : tx_(tx) {
  if (!hypopg_installed(tx_)) {
    tx_.as_login([&] { tx_.query("CREATE EXTENSION hypopg"); });  // undone by the caller's rollback
    tx_.query("SET TRANSACTION READ ONLY");   // nothing after it may write
  }
  reset();
}

void WhatIf::reset() { tx_.query("SELECT hypopg_reset()"); }

WhatIf::PlanCost WhatIf::plan_cost(const QueryTemplate& tmpl) {
  ++explain_requests_;
  Plan plan = parse_explain_json(explain_statement(tx_, tmpl.sample, ExplainMode::PlanOnly, true));
  PlanCost result;
  result.cost = plan.root.total_cost;
  result.summary = summarize_plan(plan);
  for (const PlanNode* node : plan_nodes(plan))
    if (!node->index_name.empty()) result.indexes.push_back(node->index_name);
  return result;
}

std::string WhatIf::oid_of_index_name(const std::string& name) {
  if (name.size() < 3 || name[0] != '<') return "";
  size_t end = name.find('>');
  return end == std::string::npos ? "" : name.substr(1, end - 1);
}

std::vector<std::string> WhatIf::create(const IndexCandidate& index) {
  std::vector<std::string> oids;
  try {
    for (const auto& ddl : index.hypothetical_ddls()) {
      Rows rows = tx_.query_in_savepoint("SELECT indexrelid FROM hypopg_create_index($1)", {ddl});
      oids.push_back(rows.at(0).at(0).value_or(""));
    }
  } catch (...) {
    drop(oids);
    throw;
  }
  return oids;
}

long long WhatIf::size_bytes(const std::vector<std::string>& oids) {
  long long total = 0;
  for (const auto& oid : oids) {
    Rows rows = tx_.query("SELECT hypopg_relation_size($1::oid)", {oid});
    total += std::stoll(rows.at(0).at(0).value_or("0"));
  }
  return total;
}

void WhatIf::drop(const std::vector<std::string>& oids) {
  for (const auto& oid : oids) tx_.query("SELECT hypopg_drop_index($1::oid)", {oid});
}

}  // namespace pgadvisor
