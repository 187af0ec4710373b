#include "advisor/whatif.hpp"

namespace pgadvisor {

bool hypopg_installed(Transaction& tx) {
  return !tx.query("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'").empty();
}

WhatIf::WhatIf(Transaction& tx) : tx_(tx) {
  if (!hypopg_installed(tx_)) tx_.query("CREATE EXTENSION hypopg");
  reset();
}

void WhatIf::reset() { tx_.query("SELECT hypopg_reset()"); }

double WhatIf::cost(const QueryTemplate& tmpl) {
  ++explain_requests_;
  Rows rows = tx_.query("EXPLAIN (FORMAT JSON) " + tmpl.sample.sql, tmpl.sample.params);
  auto plan = nlohmann::json::parse(rows.at(0).at(0).value_or("[]"));
  return plan.at(0).at("Plan").at("Total Cost").get<double>();
}

std::string WhatIf::create(const IndexCandidate& index) {
  Rows rows = tx_.query("SELECT indexrelid FROM hypopg_create_index($1)", {index.hypothetical_ddl()});
  return rows.at(0).at(0).value_or("");
}

long long WhatIf::size_bytes(const std::string& oid) {
  Rows rows = tx_.query("SELECT hypopg_relation_size($1::oid)", {oid});
  return std::stoll(rows.at(0).at(0).value_or("0"));
}

void WhatIf::drop(const std::string& oid) { tx_.query("SELECT hypopg_drop_index($1::oid)", {oid}); }

}  // namespace pgadvisor
