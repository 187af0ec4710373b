// Partial candidates: selectivity from pg_stats figures, the 90% rule, merging WHEREs; and the
// move of view candidates to their base table. Pure.
#include <catch2/catch.hpp>

#include "advisor/candidates/partial_candidates.hpp"
#include "advisor/candidates/view_resolution.hpp"

using namespace pgadvisor;

namespace {

Predicate equality(const std::string& column, const std::string& value) {
  return Predicate{{"orders", column}, PredicateOp::Equal, {value}, false, {-1}};
}

IndexCandidate partial(const std::string& fingerprint, const Predicate& predicate) {
  IndexCandidate candidate;
  candidate.definition = {"", "orders", {{"created_at", true}}, predicate.to_sql(), {}};
  candidate.where_predicates = {predicate};
  candidate.templates = {fingerprint};
  return candidate;
}

ColumnStats status_stats() {
  ColumnStats stats;
  stats.null_fraction = 0.1;
  stats.distinct = 12;
  stats.table_rows = 1000;
  stats.common_values = {{"done", 0.5}, {"paid", 0.3}, {"it's", 0.02}};
  return stats;
}

}  // namespace

TEST_CASE("predicate selectivity from null_frac, common values and n_distinct", "[advisor]") {
  ColumnStats stats = status_stats();
  CHECK(predicate_selectivity(equality("status", "'paid'"), stats) == Approx(0.3));
  CHECK(predicate_selectivity(equality("status", "'it''s'"), stats) == Approx(0.02));
  // not a common value: the rest of the rows spread over the other distinct values
  CHECK(predicate_selectivity(equality("status", "'rare'"), stats) == Approx((1 - 0.1 - 0.82) / 9));
  CHECK(predicate_selectivity(equality("status", "$1"), stats) == -1);
  Predicate in{{"orders", "status"}, PredicateOp::In, {"'paid'", "'done'"}, false, {}};
  CHECK(predicate_selectivity(in, stats) == Approx(0.8));
  Predicate null{{"orders", "status"}, PredicateOp::IsNull, {}, false, {}};
  CHECK(predicate_selectivity(null, stats) == Approx(0.1));
  Predicate range{{"orders", "status"}, PredicateOp::Less, {"'b'"}, false, {}};
  CHECK(predicate_selectivity(range, stats) == -1);

  ColumnStats flags;
  flags.distinct = 2;
  flags.common_values = {{"t", 0.95}, {"f", 0.05}};
  Predicate archived{{"orders", "is_archived"}, PredicateOp::Equal, {"true"}, true, {-1}};
  Predicate not_archived{{"orders", "is_archived"}, PredicateOp::Equal, {"false"}, true, {-1}};
  CHECK(predicate_selectivity(archived, flags) == Approx(0.95));
  CHECK(predicate_selectivity(not_archived, flags) == Approx(0.05));

  // char(10), as pg_stats shows it: padded with blanks that the comparison ignores
  ColumnStats mode;
  mode.distinct = 7;
  mode.blank_padded = true;
  mode.common_values = {{"AIR       ", 0.15}, {"AIR REG   ", 0.14}, {"MAIL      ", 0.14}};
  Predicate air{{"lineitem", "l_shipmode"}, PredicateOp::In, {"'AIR'", "'AIR REG'"}, false, {}};
  CHECK(predicate_selectivity(air, mode) == Approx(0.29));
  mode.blank_padded = false;  // text: 'AIR' is another value than 'AIR       '
  CHECK(predicate_selectivity(air, mode) == Approx(2 * (1 - 0.43) / 4));
}

TEST_CASE("a partial form keeping most rows is dropped, the full form stays", "[advisor]") {
  IndexCandidate full;
  full.definition = {"", "orders", {{"created_at", true}}, "", {}};
  std::vector<IndexCandidate> candidates = {full, partial("a", equality("status", "'done'")),
                                            partial("b", equality("status", "'paid'"))};
  ColumnStatsMap stats;
  stats[{"orders", "status"}] = status_stats();
  stats[{"orders", "status"}].common_values[0].second = 0.92;
  estimate_partial_selectivity(candidates, stats);
  CHECK(candidates[0].predicate_selectivity == -1);
  CHECK(candidates[1].predicate_selectivity == Approx(0.92));
  CHECK(candidates[2].predicate_selectivity == Approx(0.3));
  auto kept = without_unselective_partials(candidates, 0.9);
  REQUIRE(kept.size() == 2);
  CHECK(kept[0].key() == "orders (created_at DESC)");
  CHECK(kept[1].key() == "orders (created_at DESC) WHERE status = 'paid'");
}

TEST_CASE("a WHERE counted from one statement's repetitions stays only on a column of few values", "[advisor]") {
  IndexCandidate by_status = partial("q", equality("status", "'paid'"));
  IndexCandidate by_customer = partial("q", equality("customer_id", "42"));
  IndexCandidate by_unknown = partial("q", equality("region", "'x'"));
  for (IndexCandidate* candidate : {&by_status, &by_customer, &by_unknown}) candidate->where_from_repetition = true;
  IndexCandidate seen_twice = partial("r", equality("customer_id", "42"));  // two calls: the usual rule
  seen_twice.definition.columns = {{"id"}};
  ColumnStatsMap stats;
  stats[{"orders", "status"}] = status_stats();  // 12 values
  stats[{"orders", "customer_id"}].distinct = -0.2;  // a fifth of 1000 rows: 200 values
  stats[{"orders", "customer_id"}].table_rows = 1000;
  auto kept = without_per_value_partials({by_status, by_customer, by_unknown, seen_twice}, stats);
  REQUIRE(kept.size() == 2);
  CHECK(kept[0].key() == by_status.key());
  CHECK(kept[1].key() == seen_twice.key());
  CHECK(without_per_value_partials({by_customer}, stats, 200).size() == 1);  // at the limit
}

TEST_CASE("partial candidates differing only in their WHERE are merged", "[advisor]") {
  std::vector<IndexCandidate> candidates = {partial("a", equality("status", "'new'")),
                                            partial("b", equality("status", "'paid'"))};
  candidates[0].predicate_selectivity = 0.02;
  candidates[1].predicate_selectivity = 0.3;
  Predicate flag{{"orders", "is_archived"}, PredicateOp::Equal, {"false"}, true, {-1}};
  candidates.push_back(partial("c", flag));
  auto merged = merged_partial_candidates(candidates);
  REQUIRE(merged.size() == 3);
  CHECK(merged[0].key() == "orders (created_at DESC) WHERE status IN ('new', 'paid')");
  CHECK(merged[0].templates == std::vector<std::string>{"a", "b"});
  CHECK(merged[0].predicate_selectivity == Approx(0.32));
  CHECK(merged[1].key() == "orders (created_at DESC) WHERE (status = 'new') OR (NOT is_archived)");
  CHECK(merged[1].predicate_selectivity == -1);
}

TEST_CASE("candidates on a single-table view move to its table", "[advisor]") {
  IndexCandidate on_view;
  on_view.definition = {"", "open_orders", {{"customer_id", false}}, "status = 'new'", {"amount"}};
  on_view.where_predicates = {Predicate{{"open_orders", "status"}, PredicateOp::Equal, {"'new'"}, false, {-1}}};
  IndexCandidate renamed = on_view;
  renamed.definition.columns = {{"total", false}};
  IndexCandidate on_join_view = on_view;
  on_join_view.definition.table = "order_report";
  std::vector<RelationInfo> relations = {
      {"open_orders", 'v', {"shop.orders"}, {"customer_id", "status", "amount", "id"}},
      {"order_report", 'v', {"orders", "customers"}, {"customer_id", "status", "amount"}}};
  Diagnostics diagnostics;
  auto resolved = resolve_views({on_view, renamed, on_join_view}, relations, diagnostics);
  REQUIRE(resolved.size() == 1);
  CHECK(resolved[0].key() == "shop.orders (customer_id) INCLUDE (amount) WHERE status = 'new'");
  CHECK(resolved[0].where_predicates[0].column.table == "shop.orders");
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message.find("order_report") != std::string::npos);
}
