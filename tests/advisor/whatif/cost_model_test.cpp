// The cost model's pure parts: time scales from replayed plans, rows written read from a real
// recorded INSERT plan, the write penalty with and without HOT updates, the log's span, and
// which candidate widens another.
#include <catch2/catch.hpp>
#include <fstream>

#include "advisor/whatif/cost_model.hpp"
#include "advisor/selection/index_selection.hpp"
#include "advisor/whatif/whatif.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;

namespace {

IndexCandidate candidate(const std::string& table, std::vector<IndexColumn> columns, const std::string& where = "",
                         std::vector<std::string> include = {}) {
  IndexCandidate c;
  c.definition = {"", table, std::move(columns), where, std::move(include)};
  return c;
}

ReplayResult analyzed(double total_cost, double ms) {
  ReplayResult result;
  result.status = ReplayStatus::Analyzed;
  result.plan = Plan{};
  result.plan->root.total_cost = total_cost;
  result.runs.push_back(ReplayRun{});
  result.runs.back().execution_ms = ms;
  return result;
}

}  // namespace

TEST_CASE("time scales: measured ratios, the median borrowed by the unmeasured", "[advisor][cost]") {
  ReplayResult a = analyzed(1000, 5), b = analyzed(100, 1), c = analyzed(10, 0.03);
  ReplayResult explained;
  explained.status = ReplayStatus::Explained;
  auto scales = time_scales({}, {&a, &b, &c, &explained});
  CHECK(scales[0].ms_per_cost == Approx(0.005));
  CHECK(scales[1].ms_per_cost == Approx(0.01));
  CHECK(scales[0].measured);
  CHECK_FALSE(scales[3].measured);
  CHECK(scales[3].ms_per_cost == Approx(0.005));  // the median of 0.005, 0.01, 0.003
  auto none = time_scales({}, {&explained});
  CHECK(none[0].ms_per_cost > 0);  // a default, so a log of writes still gets advice
}

TEST_CASE("time scales: the log's mean time first, a timeout's lower bound before borrowing", "[advisor][cost]") {
  ReplayResult replayed = analyzed(1000, 5);
  QueryTemplate logged;
  logged.calls = 4;
  logged.total_ms = 80;  // 20 ms a call in the log, whatever the replay measured
  ReplayResult timed_out;
  timed_out.status = ReplayStatus::TimedOut;
  timed_out.plan = Plan{};
  timed_out.plan->root.total_cost = 2e6;
  timed_out.lower_bound_ms = 30000;
  QueryTemplate unlogged;  // no durations in the log
  auto scales = time_scales({&logged, &unlogged}, {&replayed, &timed_out});
  CHECK(scales[0].ms_per_cost == Approx(0.02));
  CHECK(scales[0].source == TimeSource::Log);
  CHECK(scales[1].ms_per_cost == Approx(0.015));
  CHECK(scales[1].source == TimeSource::Timeout);
  CHECK(scales[1].measured);
  // the same template replayed again with other times: the same scale
  ReplayResult noisy = analyzed(1000, 9);
  CHECK(time_scales({&logged}, {&noisy})[0].ms_per_cost == Approx(0.02));
}

TEST_CASE("time scales weighed by cost: one ratio, the workload's time over its cost", "[advisor][cost]") {
  // Q18-like: 13.8 s for 420k cost units; Q6-like: 0.9 s for 170k; one unmeasured template.
  ReplayResult slow = analyzed(420000, 13800), fast = analyzed(170000, 900);
  ReplayResult explained;
  explained.status = ReplayStatus::Explained;
  auto scales = time_scales({}, {&slow, &fast, &explained});
  CHECK(scales[0].ms_per_cost / scales[1].ms_per_cost > 6);  // by time, a cost unit of the first weighs 6 of the second's
  auto uniform = workload_time_scales(scales, {1, 2, 1}, {420000, 170000, 1000});
  const double expected = (13800 + 2 * 900) / (420000.0 + 2 * 170000);  // calls counted
  for (const auto& scale : uniform) CHECK(scale.ms_per_cost == Approx(expected));
  CHECK(uniform[0].measured);
  CHECK_FALSE(uniform[2].measured);
  // nothing measured: unchanged
  auto none = time_scales({}, {&explained});
  CHECK(workload_time_scales(none, {1}, {1000})[0].ms_per_cost == Approx(none[0].ms_per_cost));
}

TEST_CASE("rows written come from the ModifyTable's input", "[advisor][cost]") {
  std::ifstream in(testing::fixture_path("plans/comment_insert_triggers.json"));
  Plan plan = parse_explain_json(nlohmann::json::parse(in));
  CHECK(rows_written(plan) >= 1);
  Plan select;
  select.root.node_type = "Seq Scan";
  CHECK(rows_written(select) == 0);
}

TEST_CASE("write penalty: inserts pay per row, updates only when they touch the index", "[advisor][cost]") {
  CostModelOptions options;
  options.index_write_ms = 0.01;
  std::vector<TableWrite> writes = {
      {"todos_todo", StatementKind::Insert, 10, 2, {}, "i"},
      {"todos_todo", StatementKind::Update, 5, 100, {"priority"}, "u"},
      {"users_user", StatementKind::Insert, 1000, 1, {}, "other"},
  };
  std::vector<ExistingIndex> existing(2);
  existing[0].definition = {"", "todos_todo", {{"id", false}}, "", {}};
  existing[1].definition = {"", "todos_todo", {{"assignee_id", false}}, "", {}};

  // (title): the update stays HOT; 10 inserts × 2 rows.
  CHECK(write_penalty_ms(candidate("todos_todo", {{"title", false}}), writes, existing, options) == Approx(0.2));
  // (priority): the update loses HOT: this index and the 2 existing ones get 500 entries each.
  CHECK(write_penalty_ms(candidate("todos_todo", {{"priority", true}}), writes, existing, options) ==
        Approx(0.2 + 500 * 3 * 0.01));
  // A partial index whose WHERE names the updated column is touched as well.
  CHECK(write_penalty_ms(candidate("todos_todo", {{"title", false}}, "priority > 5"), writes, existing, options) ==
        Approx(0.2 + 15.0));
  // When an existing index already holds the updated column, HOT was lost anyway.
  existing[1].definition.columns = {{"priority", false}};
  CHECK(write_penalty_ms(candidate("todos_todo", {{"priority", true}}), writes, existing, options) ==
        Approx(0.2 + 500 * 0.01));
  CHECK(write_penalty_ms(candidate("blog_post", {{"slug", false}}), writes, existing, options) == 0);
}

TEST_CASE("the log's span turns per-log figures into per-day ones", "[advisor][cost]") {
  CHECK(log_span_seconds("2024-06-30 12:00:00.000 UTC", "2024-06-30 12:00:10.500 UTC") == Approx(10.5));
  CHECK(log_span_seconds("2024-06-30 23:59:59 UTC", "2024-07-01 00:00:01 UTC") == Approx(2));
  CHECK_FALSE(log_span_seconds("", "2024-06-30 12:00:00 UTC"));
  CHECK_FALSE(log_span_seconds("yesterday", "today"));
  CHECK(*per_day_factor("2024-06-30 00:00:00", "2024-06-30 01:00:00") == Approx(24));
  CHECK_FALSE(per_day_factor("2024-06-30 00:00:00.1", "2024-06-30 00:00:00.5"));  // under a second
}

TEST_CASE("an index widens another with the same leading columns, table and predicate", "[advisor][selection]") {
  auto narrow = candidate("blog_post", {{"author_id", false}}, "published");
  CHECK(widens(candidate("blog_post", {{"author_id", false}, {"published_at", true}}, "published"), narrow));
  CHECK(widens(candidate("blog_post", {{"author_id", false}}, "published", {"title"}), narrow));
  CHECK_FALSE(widens(candidate("blog_post", {{"author_id", false}, {"published_at", true}}), narrow));
  CHECK_FALSE(widens(candidate("blog_post", {{"published_at", true}, {"author_id", false}}, "published"), narrow));
  CHECK_FALSE(widens(candidate("blog_comment", {{"author_id", false}, {"x", false}}, "published"), narrow));
  CHECK_FALSE(widens(narrow, narrow));
}

TEST_CASE("hypopg's out-of-oids error is recognised, other errors are not", "[advisor][whatif]") {
  CHECK(is_out_of_hypothetical_oids("ERROR:  hypopg: not more oid available"));
  CHECK_FALSE(is_out_of_hypothetical_oids("ERROR:  column \"x\" does not exist"));
  CHECK_FALSE(is_out_of_hypothetical_oids("ERROR:  functions in index expression must be marked IMMUTABLE"));
}

TEST_CASE("an index pays for its size: per MB over the log, and a day when the span is known", "[advisor][cost]") {
  SelectionOptions options;  // 1 ms per MB over the log, 100 ms per MB a day
  const long long mb = 1024 * 1024;
  CHECK(pays_for_size(9, 2 * mb, options));
  CHECK_FALSE(pays_for_size(9, 70 * mb, options));  // a 70 MB index saving 9 ms over the log
  CHECK(pays_for_size(0.001, 0, options));          // a replacement that adds no bytes
  options.per_day = 2.0;                             // a log of twelve hours
  CHECK_FALSE(pays_for_size(40, 2 * mb, options));   // 80 ms a day for 2 MB: less than 200
  CHECK(pays_for_size(150, 2 * mb, options));
}
