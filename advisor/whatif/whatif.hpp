// WhatIf: the what-if engine over hypopg, inside one transaction that the caller rolls back.
// Creates hypothetical indexes (one candidate may need several: one per leaf partition), asks
// the planner (EXPLAIN without ANALYZE) for a template's cost and plan with whatever
// hypothetical indexes exist, and reports their estimated size. When hypopg is not installed in
// the database it is created inside the transaction, so the rollback removes it again, and the
// transaction is made read-only right after. Errors throw DatabaseError and leave the
// transaction usable (each request runs in a savepoint).
#pragma once

#include <string>
#include <vector>

#include "advisor/candidates/index_candidate.hpp"
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
    std::string summary;               // summarize_plan() of the plan
    std::vector<size_t> candidates;    // WhatIfCache: the candidates whose hypothetical index it uses
  };
  PlanCost plan_cost(const QueryTemplate& tmpl);  // of the template's sample, as things stand
  double cost(const QueryTemplate& tmpl) { return plan_cost(tmpl).cost; }
  // The hypothetical indexes of one candidate; none is left behind when one of them fails.
  std::vector<std::string> create(const IndexCandidate& index);
  // hypopg names its indexes "<oid>btree_..." in plans: the oid of such a name, or "".
  static std::string oid_of_index_name(const std::string& name);
  long long size_bytes(const std::vector<std::string>& oids);
  void drop(const std::vector<std::string>& oids);
  void reset();  // removes every hypothetical index of this session
  long long explain_requests() const { return explain_requests_; }

 private:
  Transaction& tx_;
  long long explain_requests_ = 0;
};

bool hypopg_installed(Transaction& tx);

// hypopg 1.4 and later draw hypothetical oids from a small fixed range and fail once it is used
// up: the caller resets and creates again what it needs.
bool is_out_of_hypothetical_oids(const std::string& message);

}  // namespace pgadvisor
