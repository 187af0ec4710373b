// The other fixes for a NOT IN whose subquery PostgreSQL re-scans, measured beside the id list:
// NOT EXISTS over the same subquery (Django's ~Exists(...); its results compared with the
// original's, since NULLs make the two differ) and the original itself with a work_mem large
// enough to hash the subquery (the same statement, so the same rows; scoped with SET LOCAL).
// Both run in the rewrite stage's transaction; errors become a note on the alternative.
#pragma once

#include <optional>
#include <string>

#include "advisor/model/rewrite_advice.hpp"
#include "plans/pg/materialized_result.hpp"
#include "plans/pg/session.hpp"
#include "plans/sql/in_subquery.hpp"

namespace pgadvisor {

struct AlternativeInputs {
  const Statement& original;
  const InSubquery& in;
  const ResultDigest& reference;      // the original's rows, in the compared form
  bool compare_without_limit = false;  // LIMIT without ORDER BY: all rows are compared
  std::string hash_work_mem;           // "42MB", empty when the plan hashes the subquery already
  int runs = 3;
  int timeout_ms = 0;                  // the bound each run is under
  std::string django_list_form;        // the id list's Django form, to derive ~Exists from
};

RewriteAlternative not_exists_alternative(Transaction& tx, const AlternativeInputs& inputs);
std::optional<RewriteAlternative> work_mem_alternative(Transaction& tx, const AlternativeInputs& inputs);

// The fastest alternative that was verified equal and finished; empty when none is faster than
// `before_ms`. Those within 25% of the fastest tie, and the simplest wins: NOT EXISTS, then
// the id list, then work_mem; so noise between runs does not change the recommendation.
std::string fastest_verified(const std::vector<RewriteAlternative>& alternatives, double before_ms);

}  // namespace pgadvisor
