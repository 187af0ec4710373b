// The subquery's share of a measured plan, on real recordings: the hashed SubPlan of the
// fixture's NOT IN query, the semi join of an IN query, and a plan with neither.
#include <catch2/catch.hpp>
#include <fstream>

#include "plans/plan/subquery_share.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;

namespace {

Plan recorded(const std::string& name) {
  std::ifstream in(testing::fixture_path("plans/" + name + ".json"));
  return parse_explain_json(nlohmann::json::parse(in));
}

}  // namespace

TEST_CASE("a NOT IN subquery's hashed SubPlan: all 253,896 ids read for 50 rows", "[plan][rewrite]") {
  auto share = subquery_share(recorded("todo_not_in"));
  REQUIRE(share);
  CHECK(share->form == "SubPlan");
  CHECK(share->rows == 253896);
  CHECK(share->ms == Approx(30.353));
  CHECK(share->plan_ms == Approx(126.467));
}

TEST_CASE("a semi join's inner side is the subquery's share", "[plan][rewrite]") {
  Plan plan;
  plan.execution_ms = 10;
  plan.root.node_type = "Hash Semi Join";
  plan.root.join_type = "Semi";
  plan.root.children.resize(2);
  plan.root.children[0].node_type = "Seq Scan";
  plan.root.children[1].node_type = "Hash";
  plan.root.children[1].actual_rows = 300;
  plan.root.children[1].actual_loops = 2;
  plan.root.children[1].actual_total_ms = 3;
  auto share = subquery_share(plan);
  REQUIRE(share);
  CHECK(share->form == "Hash Semi Join");
  CHECK(share->rows == 600);
  CHECK(share->ms == 6);
  CHECK_FALSE(subquery_share(recorded("blog_post_list")));
}
