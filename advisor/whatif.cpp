#include "advisor/whatif.hpp"

#include "plans/pg/explain.hpp"
#include "plans/plan/plan_tree.hpp"

namespace pgadvisor {

bool hypopg_installed(Transaction& tx) {
  return !tx.query("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'").empty();
}

WhatIf::WhatIf(Transaction& tx) : tx_(tx) {
  if (!hypopg_installed(tx_)) {
    tx_.query("CREATE EXTENSION hypopg");      // undone by the caller's rollback
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
  for (const PlanNode* node : plan_nodes(plan))
    if (!node->index_name.empty()) result.indexes.push_back(node->index_name);
  return result;
}

std::string WhatIf::oid_of_index_name(const std::string& name) {
  if (name.size() < 3 || name[0] != '<') return "";
  size_t end = name.find('>');
  return end == std::string::npos ? "" : name.substr(1, end - 1);
}

std::string WhatIf::create(const IndexCandidate& index) {
  Rows rows = tx_.query_in_savepoint("SELECT indexrelid FROM hypopg_create_index($1)", {index.hypothetical_ddl()});
  return rows.at(0).at(0).value_or("");
}

long long WhatIf::size_bytes(const std::string& oid) {
  Rows rows = tx_.query("SELECT hypopg_relation_size($1::oid)", {oid});
  return std::stoll(rows.at(0).at(0).value_or("0"));
}

void WhatIf::drop(const std::string& oid) { tx_.query("SELECT hypopg_drop_index($1::oid)", {oid}); }

}  // namespace pgadvisor
