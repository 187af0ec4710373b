// The plan tree parsed from EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) recorded on the fixture
// database (fixtures/plans/record).
#include <catch2/catch.hpp>

#include <fstream>

#include "plans/plan/plan_tree.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;

namespace {
Plan recorded_plan(const std::string& name) {
  std::ifstream in(pgadvisor::testing::fixture_path("plans/" + name + ".json"));
  REQUIRE(in);
  return parse_explain_json(nlohmann::json::parse(in));
}
}  // namespace

TEST_CASE("an analyzed plan keeps estimates, actuals, loops and filters", "[plan]") {
  Plan plan = recorded_plan("blog_post_list");
  CHECK(plan.root.node_type == "Limit");
  REQUIRE(plan.execution_ms);
  CHECK(*plan.execution_ms == Approx(69.892));
  auto nodes = plan_nodes(plan);
  REQUIRE(nodes.size() == 4);
  const PlanNode& sort = *nodes[2];
  CHECK(sort.sort_method == "top-N heapsort");
  const PlanNode& scan = *nodes[3];
  CHECK(scan.node_type == "Seq Scan");
  CHECK(scan.relation == "blog_post");
  CHECK(scan.actual_loops == 3);
  CHECK(scan.rows_removed_by_filter == 34965);
  CHECK(scan.filter == "published");
  CHECK(scan.total_cost == Approx(8814.33));
  CHECK(plan.root.shared_read_blocks == 1818);
  CHECK(summarize_plan(plan) ==
        "Limit (rows 20) ← Gather Merge (rows 20) ← Sort (top-N heapsort) (rows 42) ← "
        "Seq Scan on blog_post (rows 95106, 104895 removed)");
}

TEST_CASE("the summary follows the costliest branch", "[plan]") {
  Plan plan = recorded_plan("todo_not_in");
  CHECK(summarize_plan(plan).rfind("Limit (rows 50) ← Seq Scan on todos_todo (rows 50, 8105 removed)", 0) == 0);
}

TEST_CASE("output that is not a plan is rejected", "[plan]") {
  CHECK_THROWS(parse_explain_json(nlohmann::json::array()));
  CHECK_THROWS(parse_explain_json(nlohmann::json::parse(R"([{"Query": 1}])")));
}
