// WhatIf: the what-if engine over hypopg, inside one transaction that the caller rolls back.
// Creates hypothetical indexes, asks the planner (EXPLAIN without ANALYZE) for a template's
// cost with whatever hypothetical indexes exist, and reports their estimated size. When hypopg
// is not installed in the database it is created inside the transaction, so the rollback
// removes it again, and the transaction is made read-only right after. Errors throw
// DatabaseError and leave the transaction usable (each request runs in a savepoint).
#pragma once

#include <string>
#include <vector>

#include "advisor/index_candidate.hpp"
#include "plans/pg/session.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

class WhatIf {
 public:
  // `tx` must be read-write when hypopg is missing (see hypopg_installed).
  explicit WhatIf(Transaction& tx);

  struct PlanCost {
    double cost = 0;                   // planner total cost
    std::vector<std::string> indexes;  // names of the indexes the plan uses
  };
  PlanCost plan_cost(const QueryTemplate& tmpl);    // of the template's sample, as things stand
  double cost(const QueryTemplate& tmpl) { return plan_cost(tmpl).cost; }
  std::string create(const IndexCandidate& index);  // hypothetical index oid
  // hypopg names its indexes "<oid>btree_..." in plans: the oid of such a name, or "".
  static std::string oid_of_index_name(const std::string& name);
  long long size_bytes(const std::string& oid);
  void drop(const std::string& oid);
  void reset();  // removes every hypothetical index of this session
  long long explain_requests() const { return explain_requests_; }

 private:
  Transaction& tx_;
  long long explain_requests_ = 0;
};

bool hypopg_installed(Transaction& tx);

}  // namespace pgadvisor
