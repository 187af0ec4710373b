// The limits measure_median obeys inside a stage (pure: the runs are EXPLAIN outputs made in
// memory): a first run over the long-query threshold is the only run, a spent budget starts no
// measurement (and nothing runs), and the budget counts what it let run and what it did not.
#include <catch2/catch.hpp>

#include "plans/pg/measure_limits.hpp"
#include "plans/pg/replay_measure.hpp"

using namespace pgadvisor;

namespace {

// One EXPLAIN ANALYZE output of `ms` (execution) + 0.5 (planning), counting the calls.
std::function<nlohmann::json()> runs_of(double ms, int& calls) {
  return [ms, &calls] {
    ++calls;
    return nlohmann::json::array(
        {{{"Plan", {{"Node Type", "Result"}}}, {"Planning Time", 0.5}, {"Execution Time", ms}}});
  };
}

}  // namespace

TEST_CASE("long query: a first run over the threshold is the only run", "[replay][unit][long-query]") {
  int calls = 0;
  MeasuredRuns once = measure_median(3, runs_of(100, calls), 50.0);
  CHECK(calls == 1);
  CHECK(once.long_query);
  CHECK(*once.median_ms() == Approx(100.5));

  calls = 0;
  MeasuredRuns quick = measure_median(3, runs_of(10, calls), 50.0);
  CHECK(calls == 3);
  CHECK_FALSE(quick.long_query);

  calls = 0;
  CHECK(measure_median(3, runs_of(100, calls), 0.0).runs.size() == 3);  // 0: no threshold

  MeasureBudget counted("verify", std::nullopt);
  MeasureScope scope({50.0, &counted});  // the stage's threshold, when none is given
  calls = 0;
  CHECK(measure_median(3, runs_of(100, calls)).long_query);
  CHECK(calls == 1);
  CHECK(counted.long_queries() == 1);
  CHECK(counted.measured() == 1);
}

TEST_CASE("stage budget: once spent, no measurement starts and none runs", "[replay][unit][budget]") {
  MeasureBudget spent("finding-savings", 0.0);
  int calls = 0;
  {
    MeasureScope scope({0, &spent});
    CHECK_THROWS_AS(measure_median(3, runs_of(1, calls)), MeasureBudgetExhausted);
    try {
      measure_median(3, runs_of(1, calls));
    } catch (const DatabaseError& error) {  // callers treat it as any error: "not measured: ..."
      CHECK(std::string(error.what()) == "the finding-savings stage's time budget of 0 s ran out (--stage-budget)");
      CHECK(error.sqlstate().empty());  // never taken for a timeout or a lost connection
    }
  }
  CHECK(calls == 0);
  CHECK(spent.measured() == 0);
  CHECK(spent.unmeasured() == 2);

  MeasureBudget unbounded("rewrites", std::nullopt);
  MeasureScope scope({0, &unbounded});
  measure_median(3, runs_of(1, calls));
  CHECK(calls == 3);
  CHECK(unbounded.measured() == 1);
  CHECK_FALSE(unbounded.spent());
}

TEST_CASE("measure scope: the limits are the stage's while it runs, then the previous ones", "[replay][unit][budget]") {
  CHECK(current_measure_limits().budget == nullptr);
  MeasureBudget budget("verify", 60.0);
  {
    MeasureScope scope({5000, &budget});
    CHECK(current_measure_limits().budget == &budget);
    CHECK(current_measure_limits().long_query_ms == 5000);
  }
  CHECK(current_measure_limits().budget == nullptr);
  CHECK(current_measure_limits().long_query_ms == 0);
}
