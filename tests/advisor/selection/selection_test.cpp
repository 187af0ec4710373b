// Greedy and exact index selection against an in-memory cost source with known optima: the
// budget, the index count, widening a chosen index, the exact search beating the greedy where a
// knapsack trap is laid, and candidates that cannot be built. No database: these run in
// milliseconds.
#include <catch2/catch.hpp>

#include "advisor/selection/exact_selection.hpp"
#include "advisor/selection/index_selection.hpp"
#include "tests/support/selection_fixture.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

Selection exact(WorkloadObjective& objective, const SelectionOptions& options) {
  std::string refusal;
  auto selection = select_exact(objective, options, refusal);
  INFO(refusal);
  REQUIRE(selection);
  return *selection;
}

}  // namespace

TEST_CASE("greedy: every index that saves enough is chosen, none that does not", "[advisor][selection]") {
  FakeCostSource costs;
  size_t orders = costs.add_template(1000), users = costs.add_template(500), tags = costs.add_template(100);
  size_t a = costs.add_candidate("orders", {"customer_id"}, kMB);
  size_t b = costs.add_candidate("users", {"email"}, kMB);
  size_t c = costs.add_candidate("tags", {"name"}, kMB);
  costs.helps(a, orders, 100);
  costs.helps(b, users, 100);
  costs.helps(c, tags, 95);  // 5% of its cost: below the minimum improvement of 20%
  WorkloadObjective objective = objective_of(costs);
  Selection chosen = select_greedy(objective, plain_options());
  CHECK(chosen.chosen == Configuration{a, b});
  CHECK(chosen.net_ms == Approx(1300));
  CHECK(chosen.size_bytes == 2 * kMB);
  CHECK(exact(objective, plain_options()).net_ms == Approx(1300));
}

TEST_CASE("budget: the per-byte pass fills a budget the largest index alone would take", "[advisor][selection]") {
  FakeCostSource costs;
  size_t t0 = costs.add_template(1000), t1 = costs.add_template(600), t2 = costs.add_template(600);
  size_t big = costs.add_candidate("a", {"x"}, 10 * kMB);
  size_t left = costs.add_candidate("b", {"y"}, 5 * kMB);
  size_t right = costs.add_candidate("c", {"z"}, 5 * kMB);
  costs.helps(big, t0, 0);
  costs.helps(left, t1, 0);
  costs.helps(right, t2, 0);
  WorkloadObjective objective = objective_of(costs);
  SelectionOptions options = plain_options();

  options.budget_bytes = 10 * kMB;
  Selection chosen = select_greedy(objective, options);
  CHECK(chosen.chosen == Configuration{left, right});
  CHECK(chosen.net_ms == Approx(1200));
  CHECK(chosen.size_bytes <= options.budget_bytes);
  CHECK(exact(objective, options).chosen == Configuration{left, right});

  options.budget_bytes = 9 * kMB;  // only one of the small ones fits
  chosen = select_greedy(objective, options);
  CHECK(chosen.chosen.size() == 1);
  CHECK(chosen.net_ms == Approx(600));

  options.budget_bytes = 4 * kMB;  // nothing fits
  CHECK(select_greedy(objective, options).chosen.empty());
  CHECK(exact(objective, options).chosen.empty());

  options.budget_bytes = 0;  // no limit: all three
  CHECK(select_greedy(objective, options).chosen == Configuration{big, left, right});
}

TEST_CASE("max indexes: the count bounds the choice, the best ones are kept", "[advisor][selection]") {
  FakeCostSource costs;
  std::vector<size_t> candidates;
  for (double saving : {300.0, 900.0, 600.0}) {
    size_t t = costs.add_template(1000);
    size_t c = costs.add_candidate("t" + std::to_string(t), {"x"}, kMB);
    costs.helps(c, t, 1000 - saving);
    candidates.push_back(c);
  }
  WorkloadObjective objective = objective_of(costs);
  SelectionOptions options = plain_options();
  options.max_indexes = 1;
  CHECK(select_greedy(objective, options).chosen == Configuration{candidates[1]});
  options.max_indexes = 2;
  Selection two = select_greedy(objective, options);
  CHECK(two.chosen == Configuration{candidates[1], candidates[2]});
  CHECK(two.net_ms == Approx(1500));
  CHECK(exact(objective, options).net_ms == Approx(1500));
}

TEST_CASE("widening: a chosen index is replaced by a wider one when that pays", "[advisor][selection]") {
  FakeCostSource costs;
  size_t by_author = costs.add_template(1000), by_author_and_day = costs.add_template(1000);
  size_t other = costs.add_template(2000);
  size_t narrow = costs.add_candidate("post", {"author_id"}, kMB);
  size_t wide = costs.add_candidate("post", {"author_id", "created_at"}, 10 * kMB);
  size_t huge = costs.add_candidate("comment", {"post_id"}, 100 * kMB);
  CHECK(widens(costs.candidates()[wide], costs.candidates()[narrow]));
  CHECK_FALSE(widens(costs.candidates()[narrow], costs.candidates()[wide]));
  CHECK_FALSE(widens(costs.candidates()[huge], costs.candidates()[narrow]));
  costs.helps(narrow, by_author, 400);
  costs.helps(narrow, by_author_and_day, 500);
  costs.helps(wide, by_author, 100);
  costs.helps(wide, by_author_and_day, 100);
  costs.helps(huge, other, 150);  // saves 1850 alone: more than the wide index, in ten times the space
  WorkloadObjective objective = objective_of(costs);
  SelectionOptions options = plain_options();
  options.max_indexes = 1;
  // Per byte, the narrow index comes first (1100 ms for 1 MB); widening it to (author_id,
  // created_at) keeps the count at one and saves 1800 ms, within 95% of the huge index's 1850
  // in a tenth of the space. Without the widening move the narrow one would lose to the huge one.
  Selection chosen = select_greedy(objective, options);
  CHECK(chosen.chosen == Configuration{wide});
  CHECK(chosen.net_ms == Approx(1800));
  CHECK(chosen.method == "greedy (benefit per byte)");

  options.budget_bytes = 5 * kMB;  // the wider index does not fit: the narrow one stays
  CHECK(select_greedy(objective, options).chosen == Configuration{narrow});
}

TEST_CASE("widening: not when the wider index gains too little", "[advisor][selection]") {
  FakeCostSource costs;
  size_t t0 = costs.add_template(1000), t1 = costs.add_template(1000);
  size_t narrow = costs.add_candidate("post", {"author_id"}, kMB);
  size_t wide = costs.add_candidate("post", {"author_id"}, 10 * kMB, {"title"});
  CHECK(widens(costs.candidates()[wide], costs.candidates()[narrow]));
  costs.helps(narrow, t0, 400);
  costs.helps(narrow, t1, 500);
  costs.helps(wide, t0, 390);  // 1% better: no template gains the minimum 20%
  costs.helps(wide, t1, 490);
  WorkloadObjective objective = objective_of(costs);
  Selection chosen = select_greedy(objective, plain_options());
  CHECK(chosen.chosen == Configuration{narrow});
  CHECK(chosen.net_ms == Approx(1100));
}

TEST_CASE("exact search: finds the optimum where the greedy falls into the knapsack trap", "[advisor][selection]") {
  FakeCostSource costs;
  size_t t0 = costs.add_template(1000), t1 = costs.add_template(700), t2 = costs.add_template(700);
  size_t best_alone = costs.add_candidate("a", {"x"}, 6 * kMB);
  size_t pair_left = costs.add_candidate("b", {"y"}, 5 * kMB);
  size_t pair_right = costs.add_candidate("c", {"z"}, 5 * kMB);
  costs.helps(best_alone, t0, 0);   // 1000 ms in 6 MB: first by benefit and per byte
  costs.helps(pair_left, t1, 0);    // 700 ms in 5 MB
  costs.helps(pair_right, t2, 0);   // 700 ms in 5 MB
  WorkloadObjective objective = objective_of(costs);
  SelectionOptions options = plain_options();
  options.budget_bytes = 10 * kMB;
  Selection greedy = select_greedy(objective, options);
  CHECK(greedy.chosen == Configuration{best_alone});
  Selection optimum = exact(objective, options);
  CHECK(optimum.chosen == Configuration{pair_left, pair_right});
  CHECK(optimum.net_ms == Approx(1400));
  CHECK(optimum.net_ms > greedy.net_ms);
  CHECK(optimum.size_bytes <= options.budget_bytes);
}

TEST_CASE("exact search: interacting candidates form one group, refused past the group limit", "[advisor][selection]") {
  FakeCostSource costs;
  size_t shared = costs.add_template(10000);
  std::vector<size_t> group;
  for (int i = 0; i < 5; ++i) {
    size_t c = costs.add_candidate("t", {"c" + std::to_string(i)}, kMB);
    costs.helps(c, shared, 1000.0 * (i + 1));
    group.push_back(c);
  }
  // Two together beat either alone: an interaction only a what-if plan of the pair shows.
  costs.costs_exactly(shared, {group[1], group[2]}, 100);
  WorkloadObjective objective = objective_of(costs);
  SelectionOptions options = plain_options();
  options.max_indexes = 2;
  Selection optimum = exact(objective, options);
  CHECK(optimum.chosen == Configuration{group[1], group[2]});
  CHECK(optimum.net_ms == Approx(9900));
  CHECK(select_greedy(objective, options).net_ms <= optimum.net_ms + 1e-9);

  std::string refusal;
  CHECK_FALSE(select_exact(objective, options, refusal, ExactLimits{4, 200000, std::nullopt}));
  CHECK(refusal.find("a group of 5 interacting candidates") != std::string::npos);
}

TEST_CASE("a candidate that cannot be built is never useful nor chosen", "[advisor][selection]") {
  FakeCostSource costs;
  size_t t = costs.add_template(1000);
  size_t refused = costs.add_candidate("a", {"x"}, kMB);
  size_t fallback = costs.add_candidate("a", {"y"}, kMB);
  costs.helps(refused, t, 0);
  costs.helps(fallback, t, 500);
  costs.refuse(refused);
  WorkloadObjective objective = objective_of(costs);
  CHECK(objective.useful_candidates() == std::vector<size_t>{fallback});
  CHECK(select_greedy(objective, plain_options()).chosen == Configuration{fallback});
}

TEST_CASE("an index pays for its size: ms saved per MB, over the log and per day", "[advisor][selection]") {
  SelectionOptions options;  // 1 ms per MB over the log, 100 ms per MB a day
  CHECK(pays_for_size(70, 70 * kMB, options));
  CHECK_FALSE(pays_for_size(69, 70 * kMB, options));
  options.per_day = 1.0;  // the log spans a day
  CHECK_FALSE(pays_for_size(70, 70 * kMB, options));
  CHECK(pays_for_size(7000, 70 * kMB, options));
  CHECK(pays_for_size(0, 0, options));  // a replacement that adds no bytes

  FakeCostSource costs;
  size_t t = costs.add_template(100);
  size_t c = costs.add_candidate("a", {"x"}, 70 * kMB);
  costs.helps(c, t, 40);  // 60 ms saved by 70 MB
  WorkloadObjective objective = objective_of(costs);
  CHECK(select_greedy(objective, SelectionOptions{}).chosen.empty());
  CHECK(select_greedy(objective, plain_options()).chosen == Configuration{c});
}
