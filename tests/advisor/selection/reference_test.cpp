// The reference selection algorithms (Extend, relaxation) against an in-memory cost source:
// Extend widens a chosen index when that pays, keeps to the budget and stops when nothing
// helps; relaxation shrinks the indexes the plans use until they fit, by prefixing, merging or
// removing. And CostSource::add_candidate finds an equal key. No database: these run in
// milliseconds.
#include <catch2/catch.hpp>

#include "advisor/selection/reference/extend_selection.hpp"
#include "advisor/selection/reference/relaxation_selection.hpp"
#include "tests/support/fake_cost_source.hpp"

using namespace pgadvisor;
using pgadvisor::testing::FakeCostSource;

namespace {

constexpr long long kMB = 1000 * 1000;

ReferenceInput input_of(const FakeCostSource& costs, std::vector<IndexableColumns> columns, long long budget) {
  ReferenceInput input;
  input.weights.assign(costs.template_count(), 1.0);
  input.columns = std::move(columns);
  input.budget_bytes = budget;
  return input;
}

// One template on orders, filtered on customer_id and sorted by created_at: the two-column
// index is much better than either column alone.
struct OrdersByCustomer {
  FakeCostSource costs;
  size_t tmpl = costs.add_template(1000);
  size_t customer = costs.add_candidate("orders", {"customer_id"}, 1 * kMB);
  size_t created = costs.add_candidate("orders", {"created_at"}, 1 * kMB);
  size_t both = costs.add_candidate("orders", {"customer_id", "created_at"}, 3 * kMB / 2);
  std::vector<IndexableColumns> columns{{{"orders", {"customer_id", "created_at"}}}};
  OrdersByCustomer() {
    costs.helps(customer, tmpl, 500);
    costs.helps(created, tmpl, 800);
    costs.helps(both, tmpl, 100);
  }
};

}  // namespace

TEST_CASE("Extend extends a chosen index by a column when that pays best", "[reference][selection]") {
  OrdersByCustomer orders;
  ReferenceResult result = extend_selection(orders.costs, input_of(orders.costs, orders.columns, 10 * kMB));
  CHECK(result.configuration == Configuration{orders.both});
  CHECK(result.cost == Approx(100));
  CHECK(result.size_bytes == 3 * kMB / 2);
  CHECK(result.cost_requests > 0);
  CHECK(result.cost_requests == orders.costs.requests());
}

TEST_CASE("Extend keeps to the budget and to the index width", "[reference][selection]") {
  OrdersByCustomer orders;
  ReferenceInput input = input_of(orders.costs, orders.columns, 6 * kMB / 5);  // the wide index does not fit
  ReferenceResult result = extend_selection(orders.costs, input);
  CHECK(result.configuration == Configuration{orders.customer});
  CHECK(result.cost == Approx(500));
  CHECK(result.size_bytes <= input.budget_bytes);

  input.budget_bytes = 10 * kMB;
  input.max_width = 1;
  CHECK(extend_selection(orders.costs, input).configuration == Configuration{orders.customer});

  input.budget_bytes = kMB / 2;  // nothing fits
  result = extend_selection(orders.costs, input);
  CHECK(result.configuration.empty());
  CHECK(result.cost == Approx(1000));
}

TEST_CASE("Extend stops when no index helps enough", "[reference][selection]") {
  FakeCostSource costs;
  size_t tmpl = costs.add_template(1000);
  size_t email = costs.add_candidate("users", {"email"}, kMB);
  costs.add_candidate("users", {"name"}, kMB);
  costs.helps(email, tmpl, 999);  // 0.1 %: below the platform's 0.3 % step
  ReferenceResult result = extend_selection(costs, input_of(costs, {{{"users", {"email", "name"}}}}, 10 * kMB));
  CHECK(result.configuration.empty());
  CHECK(result.cost == Approx(1000));
  CHECK(result.size_bytes == 0);
}

TEST_CASE("Extend picks by benefit per byte across templates", "[reference][selection]") {
  FakeCostSource costs;
  size_t small = costs.add_template(1000), large = costs.add_template(1000);
  size_t cheap = costs.add_candidate("a", {"x"}, kMB);
  size_t dear = costs.add_candidate("b", {"y"}, 4 * kMB);
  costs.helps(cheap, small, 600);  // saves 400 for 1 MB
  costs.helps(dear, large, 200);   // saves 800 for 4 MB
  ReferenceInput input = input_of(costs, {{{"a", {"x"}}}, {{"b", {"y"}}}}, 4 * kMB);
  ReferenceResult result = extend_selection(costs, input);
  CHECK(result.configuration == Configuration{cheap});  // the dear one no longer fits
  CHECK(result.cost == Approx(1600));
  input.budget_bytes = 5 * kMB;
  CHECK(extend_selection(costs, input).configuration == Configuration{cheap, dear});
}

TEST_CASE("Relaxation keeps the used indexes when they fit and relaxes them to fit", "[reference][selection]") {
  OrdersByCustomer orders;
  ReferenceResult result = relaxation_selection(orders.costs, input_of(orders.costs, orders.columns, 10 * kMB));
  CHECK(result.configuration == Configuration{orders.both});  // the one the plan uses of all four
  CHECK(result.cost == Approx(100));

  ReferenceInput input = input_of(orders.costs, orders.columns, 6 * kMB / 5);
  result = relaxation_selection(orders.costs, input);  // its prefix costs less than removing it
  CHECK(result.configuration == Configuration{orders.customer});
  CHECK(result.cost == Approx(500));
  CHECK(result.size_bytes <= input.budget_bytes);

  input.budget_bytes = 0;
  result = relaxation_selection(orders.costs, input);
  CHECK(result.configuration.empty());
  CHECK(result.cost == Approx(1000));
}

TEST_CASE("Relaxation merges two indexes of a table when that is the cheapest way to fit", "[reference][selection]") {
  FakeCostSource costs;
  size_t by_x = costs.add_template(1000), by_y = costs.add_template(1000);
  size_t x = costs.add_candidate("t", {"x"}, kMB);
  size_t y = costs.add_candidate("t", {"y"}, kMB);
  size_t xy = costs.add_candidate("t", {"x", "y"}, 6 * kMB / 5);
  costs.helps(x, by_x, 100);
  costs.helps(y, by_y, 100);
  costs.helps(xy, by_x, 100);
  costs.helps(xy, by_y, 150);  // y second: a full-index scan, a little dearer
  ReferenceInput input = input_of(costs, {{{"t", {"x"}}}, {{"t", {"y"}}}}, 3 * kMB / 2);
  ReferenceResult result = relaxation_selection(costs, input);
  CHECK(result.configuration == Configuration{xy});
  CHECK(result.cost == Approx(250));
  CHECK(result.size_bytes <= input.budget_bytes);

  input.budget_bytes = 2 * kMB;  // both fit as they are
  CHECK(relaxation_selection(costs, input).configuration == Configuration{x, y});
}

TEST_CASE("add_candidate gives the candidate of an equal key, else a new one", "[reference][selection]") {
  FakeCostSource costs;
  size_t email = costs.add_candidate("users", {"email"}, kMB);
  IndexCandidate same;
  same.definition.table = "users";
  same.definition.columns.push_back({"email"});
  CHECK(costs.add_candidate(same) == email);
  CHECK(costs.candidates().size() == 1);
  IndexCandidate wider = same;
  wider.definition.columns.push_back({"name"});
  size_t added = costs.add_candidate(wider);
  CHECK(added == 1);
  CHECK(costs.candidates().size() == 2);
  CHECK(costs.add_candidate(wider) == added);
}
