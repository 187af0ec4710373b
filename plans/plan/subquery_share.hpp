// How much of a measured plan an IN-subquery takes: the rows and time of the hashed SubPlan
// that reads it, or of the inner side of the semi or anti join the planner turned it into.
// Figures are totals over loops; nullopt when the plan shows neither or was not analyzed. Pure.
#pragma once

#include <optional>
#include <string>

#include "plans/plan/plan_tree.hpp"

namespace pgadvisor {

struct SubqueryShare {
  std::string form;  // "SubPlan", or the join: "Hash Semi Join", "Hash Join (semi)", "Nested Loop (anti)", ...
  double rows = 0;   // rows the subquery side produced
  double ms = 0;     // its time
  double plan_ms = 0;  // the whole plan's execution time, for the share
};

std::optional<SubqueryShare> subquery_share(const Plan& plan);

}  // namespace pgadvisor
