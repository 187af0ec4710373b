// The pure parts of the NOT IN fixes: which verified fix is recommended (the fastest; within
// noise of it, the simplest), and what a plan says about its subquery (re-scanned or hashed, and
// the work_mem that would hash it).
#include <catch2/catch.hpp>

#include "advisor/rewrites/rewrite_alternatives.hpp"
#include "advisor/rewrites/rewrite_timing.hpp"

using namespace pgadvisor;

namespace {

RewriteAlternative fix(const std::string& kind, double ms, bool equal = true, bool bound = false) {
  RewriteAlternative a;
  a.kind = kind;
  a.ms = ms;
  a.verified_equal = equal;
  a.ms_is_lower_bound = bound;
  return a;
}

Plan subplan_plan(const std::string& filter, double subplan_rows) {
  Plan plan;
  plan.root.node_type = "Seq Scan";
  plan.root.filter = filter;
  PlanNode sub;
  sub.node_type = "Materialize";
  sub.parent_relationship = "SubPlan";
  sub.plan_rows = subplan_rows;
  plan.root.children.push_back(sub);
  return plan;
}

}  // namespace

TEST_CASE("the recommended fix: the fastest verified, ties to the simplest", "[advisor][rewrite]") {
  CHECK(fastest_verified({fix("id_list", 40), fix("not_exists", 10), fix("work_mem", 30)}, 1000) == "not_exists");
  CHECK(fastest_verified({fix("id_list", 10), fix("not_exists", 40), fix("work_mem", 30)}, 1000) == "id_list");
  // within 25% of the fastest, NOT EXISTS beats the id list and work_mem
  CHECK(fastest_verified({fix("id_list", 100), fix("not_exists", 110), fix("work_mem", 90)}, 1000) == "not_exists");
  CHECK(fastest_verified({fix("id_list", 130), fix("not_exists", 300), fix("work_mem", 100)}, 1000) == "work_mem");
  // not verified, a lower bound, or not faster than the original: never recommended
  CHECK(fastest_verified({fix("id_list", 50), fix("not_exists", 5, false)}, 1000) == "id_list");
  CHECK(fastest_verified({fix("id_list", 5, true, true), fix("work_mem", 50)}, 1000) == "work_mem");
  CHECK(fastest_verified({fix("id_list", 50), fix("not_exists", 60)}, 40).empty());
}

TEST_CASE("a plain SubPlan is re-scanned, a hashed one is not, and the work_mem to hash it", "[advisor][rewrite]") {
  Plan plain = subplan_plan("((priority >= 8) AND (NOT (SubPlan 1)))", 338640);
  Plan hashed = subplan_plan("((NOT (hashed SubPlan 1)) AND (priority >= 8))", 254690);
  CHECK(has_unhashed_subplan(plain));
  CHECK_FALSE(has_unhashed_subplan(hashed));
  CHECK(hashing_work_mem_kb(hashed) == 0);
  long long kb = hashing_work_mem_kb(plain);
  CHECK(kb >= 338640LL * 32 / 1024);  // more than the planner's own estimate of the hash table
  CHECK(work_mem_text(kb) == std::to_string((kb + 1023) / 1024) + "MB");
  Plan none;
  none.root.filter = "(priority >= 8)";
  CHECK_FALSE(has_unhashed_subplan(none));
  CHECK(hashing_work_mem_kb(none) == 0);
}
