// Workload-wide benefit and Extend-style widening in pgadvisor's own selection, against the
// in-memory cost source: a candidate's saving counts on every template it serves, not only the
// one it was derived from; a chosen index is widened (a candidate made during the search) when
// that gains more than any other move, and not when it gains too little for its size; the swap
// search repairs a start that took the room of a better pair. No database.
#include <catch2/catch.hpp>

#include "advisor/selection/index_selection.hpp"
#include "advisor/selection/swap_search.hpp"
#include "advisor/selection/widening.hpp"
#include "tests/support/selection_fixture.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

IndexCandidate btree(const std::string& table, const std::vector<std::string>& columns) {
  IndexCandidate candidate;
  candidate.definition.table = table;
  for (const auto& column : columns) candidate.definition.columns.push_back({column});
  return candidate;
}

}  // namespace

TEST_CASE("benefit: a candidate is credited on every template it serves, not only its own", "[advisor][selection]") {
  FakeCostSource costs;
  size_t q18 = costs.add_template(1000), q4 = costs.add_template(1000), q21 = costs.add_template(1000);
  size_t orderkey = costs.add_candidate("lineitem", {"l_orderkey"}, kMB);  // derived from Q18's IN
  size_t quantity = costs.add_candidate("lineitem", {"l_quantity"}, kMB);  // Q18's own filter
  costs.helps(orderkey, q18, 700);
  costs.helps(orderkey, q4, 230);   // Q4 and Q21 never generated it
  costs.helps(orderkey, q21, 380);
  costs.helps(quantity, q18, 500);
  WorkloadObjective objective = objective_of(costs);
  CHECK(objective.delta_ms({}, {orderkey}) == Approx(300 + 770 + 620));
  CHECK(objective.helped_templates(orderkey) == std::vector<size_t>{q18, q4, q21});
  SelectionOptions options = plain_options();
  options.max_indexes = 1;
  Selection chosen = select_greedy(objective, options);
  CHECK(chosen.chosen == Configuration{orderkey});  // Q18 alone would prefer l_quantity
  CHECK(chosen.net_ms == Approx(1690));
}

TEST_CASE("widening: a chosen index grows by a column the search makes, when that pays", "[advisor][selection]") {
  FakeCostSource costs;
  size_t q = costs.add_template(1000);
  size_t narrow = costs.add_candidate("orders", {"o_custkey"}, 10 * kMB);
  costs.helps(narrow, q, 600);
  WorkloadObjective objective = objective_of(costs);
  // The wider index exists only once the search asks for it (the fake knows its cost).
  size_t wide = costs.add_candidate("orders", {"o_custkey", "o_orderdate"}, 15 * kMB);
  costs.helps(wide, q, 200);
  Widening widen = [&](size_t c) { return widened(costs.candidates()[c], {"o_orderdate"}, 3); };
  SelectionOptions options = plain_options();
  options.max_indexes = 1;
  Selection chosen = select_greedy(objective, options, widen);
  CHECK(chosen.chosen == Configuration{wide});
  CHECK(chosen.net_ms == Approx(800));

  SECTION("no widening past the widest index allowed") {
    CHECK(widened(costs.candidates()[narrow], {"o_orderdate"}, 1).empty());
    CHECK(widened(costs.candidates()[narrow], {"o_custkey"}, 3).empty());  // a column it holds
  }
}

TEST_CASE("widening: not when the wider index gains too little for its size", "[advisor][selection]") {
  FakeCostSource costs;
  size_t q = costs.add_template(1000);
  size_t narrow = costs.add_candidate("orders", {"o_custkey"}, 10 * kMB);
  costs.helps(narrow, q, 600);
  WorkloadObjective objective = objective_of(costs);
  size_t wide = costs.add_candidate("orders", {"o_custkey", "o_comment"}, 200 * kMB);
  costs.helps(wide, q, 590);  // 10 ms more for 190 MB more
  Widening widen = [&](size_t c) { return widened(costs.candidates()[c], {"o_comment"}, 3); };
  SelectionOptions options = plain_options();
  options.min_saving_per_mb_ms = 1.0;
  Selection chosen = select_greedy(objective, options, widen);
  CHECK(chosen.chosen == Configuration{narrow});
  CHECK(costs.candidates()[wide].key() == btree("orders", {"o_custkey", "o_comment"}).key());
}

TEST_CASE("swaps: a smaller index that saves more replaces a first choice, and frees room for another", "[advisor][selection]") {
  FakeCostSource costs;
  size_t t0 = costs.add_template(1000), t1 = costs.add_template(1000);
  size_t big = costs.add_candidate("a", {"x"}, 10 * kMB);
  size_t left = costs.add_candidate("b", {"y"}, 5 * kMB);
  size_t right = costs.add_candidate("c", {"z"}, 5 * kMB);
  costs.helps(big, t0, 350);  // saves 650 in twice the room
  costs.helps(left, t0, 300);
  costs.helps(right, t1, 500);
  WorkloadObjective objective = objective_of(costs);
  SelectionOptions options = plain_options();
  options.budget_bytes = 10 * kMB;
  Selection start{{big}, objective.net_ms({big}), 10 * kMB, "greedy (benefit)"};
  Selection improved = improve_by_swaps(objective, options, start);
  CHECK(improved.chosen == Configuration{left, right});
  CHECK(improved.net_ms == Approx(1200));
  CHECK(improved.method == "greedy (benefit) + swaps");
}

TEST_CASE("pairs: an index that lowers a query only beside the best one counts there after link_pairs", "[advisor][selection]") {
  FakeCostSource costs;
  size_t q21 = costs.add_template(1000), q4 = costs.add_template(1000);
  size_t l_orderkey = costs.add_candidate("lineitem", {"l_orderkey"}, kMB);
  size_t o_orderkey = costs.add_candidate("orders", {"o_orderkey"}, kMB);
  size_t o_orderdate = costs.add_candidate("orders", {"o_orderdate"}, kMB);
  costs.helps(l_orderkey, q21, 400);
  costs.helps(o_orderkey, q21, 1000);  // serves Q21, lowers it only beside l_orderkey (a nested loop)
  costs.costs_exactly(q21, {l_orderkey, o_orderkey}, 100);
  costs.helps(o_orderdate, q4, 900);
  costs.helps(o_orderdate, q21, 1000);  // serves Q21, lowers it in no company
  WorkloadObjective objective = objective_of(costs);
  CHECK(objective.helped_templates(o_orderkey).empty());
  CHECK(objective.delta_ms({l_orderkey}, {l_orderkey, o_orderkey}) == Approx(0));

  objective.link_pairs();
  CHECK(objective.helped_templates(o_orderkey) == std::vector<size_t>{q21});
  CHECK(objective.helped_templates(o_orderdate) == std::vector<size_t>{q4});
  CHECK(objective.delta_ms({l_orderkey}, {l_orderkey, o_orderkey}) == Approx(300));
  SelectionOptions options = plain_options();
  options.min_improvement = 0;
  options.max_indexes = 2;
  Selection chosen = select_greedy(objective, options);
  CHECK(chosen.chosen == Configuration{l_orderkey, o_orderkey});  // 900 saved, against 700 with o_orderdate
  CHECK(chosen.net_ms == Approx(900));
}
