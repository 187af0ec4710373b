// Pure parts of replay: what the policy allows before the catalog is asked, the median and
// spread of measured runs, the cache state, and which samples are chosen.
#include <catch2/catch.hpp>

#include "plans/pg/replay.hpp"
#include "plans/workload/replayed_workload.hpp"

using namespace pgadvisor;

namespace {
StatementClass classified(const std::string& sql) { return classify_statement(parse_sql(sql)); }
}  // namespace

TEST_CASE("writes are analyzed only when the policy says so", "[replay][unit]") {
  ReplayPolicy cautious;
  ReplayPolicy bold;
  bold.analyze_writes = true;
  const StatementClass update = classified("UPDATE t SET a = 1 WHERE id = 2");
  CHECK(decide_replay(update, cautious).action == ReplayAction::ExplainOnly);
  CHECK(decide_replay(update, cautious).reason.find("--analyze-writes") != std::string::npos);
  CHECK(decide_replay(update, bold).action == ReplayAction::Analyze);
  // What the policy never lifts.
  CHECK(decide_replay(classified("SELECT * FROM t FOR UPDATE"), bold).action == ReplayAction::ExplainOnly);
  CHECK(decide_replay(classified("INSERT INTO t SELECT nextval('s')"), bold).action == ReplayAction::Refuse);
  CHECK(decide_replay(classified("TRUNCATE t"), bold).action == ReplayAction::Refuse);
  CHECK(decide_replay(classified("SELECT 1; SELECT 2"), bold).action == ReplayAction::Refuse);
}

TEST_CASE("written tables are read from the parse tree", "[replay][unit]") {
  CHECK(classified("DELETE FROM app.visits WHERE id = 1").written_tables == std::vector<std::string>{"app.visits"});
  CHECK(classified("WITH gone AS (DELETE FROM a RETURNING id) INSERT INTO b SELECT id FROM gone").written_tables ==
        std::vector<std::string>{"b", "a"});
  CHECK(classified("SELECT * FROM a").written_tables.empty());
}

TEST_CASE("the median run, the spread and the cache state", "[replay][unit]") {
  // A run's time is planning plus execution.
  std::vector<ReplayRun> runs = {{5.0, 0.1, 10, 0}, {1.0, 0.1, 10, 0}, {3.0, 0.1, 4, 6}, {2.0, 0.1, 10, 0}};
  CHECK(median_run(runs) == 3u);  // 1.1, 2.1, 3.1, 5.1: the lower median is 2.1 ms
  CHECK(run_spread(runs).min_ms == Approx(1.1));
  CHECK(run_spread(runs).max_ms == Approx(5.1));
  CHECK(cache_state(runs[2]) == "cold");
  CHECK(cache_state(runs[0]) == "warm");
  CHECK_FALSE(median_run({}));
  ReplayResult result;
  result.runs = runs;
  CHECK(result.median_ms() == Approx(2.1));
  // Planning counts: a run that plans long is the slow one.
  std::vector<ReplayRun> planned = {{1.0, 9.0, 0, 0}, {4.0, 0.1, 0, 0}, {3.0, 0.1, 0, 0}};
  CHECK(median_run(planned) == 1u);  // 10, 4.1, 3.1
}

TEST_CASE("measure_median runs k times and keeps the median run's output", "[replay][unit]") {
  int calls = 0;
  auto run_once = [&] {
    double ms[] = {7.0, 2.0, 4.0};
    nlohmann::json output = nlohmann::json::array(
        {{{"Plan", {{"Node Type", "Result"}}}, {"Planning Time", 0.5}, {"Execution Time", ms[calls % 3]}}});
    ++calls;
    return output;
  };
  MeasuredRuns measured = measure_median(3, run_once);
  CHECK(calls == 3);
  REQUIRE(measured.runs.size() == 3);
  CHECK(*measured.median_ms() == Approx(4.5));
  CHECK(measured.median_output[0]["Execution Time"] == 4.0);
  calls = 0;
  CHECK(measure_median(0, run_once).runs.size() == 1);  // at least once
}

TEST_CASE("samples: slowest, first, the first k, all", "[replay][unit]") {
  QueryTemplate tmpl;
  for (int i = 0; i < 4; ++i) {
    Statement call;
    call.sql = "SELECT " + std::to_string(i);
    tmpl.first_calls.push_back(call);
  }
  tmpl.sample.sql = "SELECT 9";
  CHECK(choose_samples(tmpl, {SampleMode::Slowest, 1}).front().sql == "SELECT 9");
  CHECK(choose_samples(tmpl, {SampleMode::First, 1}).front().sql == "SELECT 0");
  CHECK(choose_samples(tmpl, {SampleMode::FirstK, 3}).size() == 3);
  CHECK(choose_samples(tmpl, {SampleMode::FirstK, 9}).size() == 4);
  CHECK(choose_samples(tmpl, {SampleMode::All, 1}).size() == 4);
  CHECK(parse_sample_choice("3")->k == 3);
  CHECK(parse_sample_choice("k=2")->mode == SampleMode::FirstK);
  CHECK(parse_sample_choice("one")->mode == SampleMode::First);
  CHECK_FALSE(parse_sample_choice("0"));
  CHECK_FALSE(parse_sample_choice("fast"));
  CHECK(sample_choice_name(*parse_sample_choice("4")) == "k=4");
}
