// WhatIf: the what-if engine over hypopg, inside one transaction that the caller rolls back.
// Creates hypothetical indexes, asks the planner (EXPLAIN without ANALYZE) for a template's
// cost with whatever hypothetical indexes exist, and reports their estimated size. When hypopg
// is not installed in the database it is created inside the transaction, so the rollback
// removes it again. Errors throw DatabaseError.
#pragma once

#include <string>

#include "advisor/index_candidate.hpp"
#include "plans/pg/session.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

class WhatIf {
 public:
  // `tx` must be read-write when hypopg is missing (see hypopg_installed).
  explicit WhatIf(Transaction& tx);

  double cost(const QueryTemplate& tmpl);           // planner total cost of the template's sample
  std::string create(const IndexCandidate& index);  // hypothetical index oid
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
