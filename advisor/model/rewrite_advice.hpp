// RewriteAdvice: one IN-subquery rewrite tried on a template — the two steps' SQL, the Django
// ORM form, whether the results were verified equal (and how), the measured times before and
// after, the id list's length, and the verdict: proposed, not worth it, not equal, or refused
// with the reason. For a NOT IN, the other fixes measured beside the id list (NOT EXISTS, a
// work_mem large enough to hash the subquery) and which verified one is the fastest. When the
// original did not finish under its bound, its time is a lower bound and so is the speedup.
// Plain data for the reports.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plans/statement.hpp"

namespace pgadvisor {

enum class RewriteVerdict { Proposed, NotWorthIt, NotEqual, Refused };

// One fix for the subquery, measured: "id_list" (the two steps), "not_exists" or "work_mem".
struct RewriteAlternative {
  std::string kind;
  std::string sql;             // what to run instead (work_mem: the SET LOCAL, then the statement)
  std::string django;          // the ORM form or what to do in Django
  bool verified_equal = false;
  std::string comparison;      // how the results were compared, or why they could not be
  double ms = 0;               // median time (id list: both steps)
  bool ms_is_lower_bound = false;
  std::string note;            // NULL semantics, scope, the plan it got
  std::string work_mem;        // work_mem only: the value set, e.g. "42MB"
  std::vector<StatementParam> params;  // the parameters `sql` ran with (not_exists)
};

struct RewriteAdvice {
  std::string fingerprint;
  std::string kind;                     // "not_in_subquery" or "in_subquery"
  std::string original_sql;
  std::vector<std::string> steps;       // step 1, step 2 (inline list or array parameter)
  std::string step2_array_sql;          // step 2 with `= ANY($n)`, whatever the list's length
  std::vector<StatementParam> step1_params, step2_params;  // as measured (step 2: the array form)
  std::string list_form;                // "inline" or "array"
  bool constrained = false;             // step 1 limited by the outer query's other predicates
  std::optional<std::string> django;    // the ORM form, when the subquery maps onto it
  std::string django_note;              // why there is no ORM form
  bool verified_equal = false;
  std::string comparison;               // how the results were compared
  double before_ms = 0;                 // median EXPLAIN ANALYZE of the original
  bool before_is_lower_bound = false;   // it did not finish: before_ms is its bound
  double after_ms = 0;                  // step 1 + step 2 medians
  double step1_ms = 0, step2_ms = 0;
  long long id_count = 0;
  bool ids_include_null = false;
  std::string size_note;                // the list is very large: what to prefer
  RewriteVerdict verdict = RewriteVerdict::Refused;
  std::string reason;                   // for NotEqual / Refused / NotWorthIt
  long long calls = 0;
  // The subquery's share of the replayed plan: "SubPlan" or the semi/anti join it became.
  std::string subquery_form;
  double subquery_rows = 0, subquery_ms = 0, plan_ms = 0;
  std::vector<RewriteAlternative> alternatives;  // every fix measured, the id list first
  std::string recommended;              // kind of the fastest verified fix; empty when none is

  double speedup() const { return after_ms > 0 ? before_ms / after_ms : 0; }  // a lower bound with before's
};

std::string rewrite_verdict_name(RewriteVerdict verdict);

}  // namespace pgadvisor
