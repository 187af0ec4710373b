// --fail-on: the words it takes, and which reports fail the gate (pure: JSON reports by hand).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/fail_on.hpp"
#include "plans/fatal_error.hpp"

using namespace pgadvisor;
using nlohmann::json;

TEST_CASE("fail-on reads a comma-separated list and refuses unknown words", "[fail-on]") {
  CHECK_FALSE(parse_fail_on("never").any());
  CHECK_FALSE(parse_fail_on("").any());
  FailOn gate = parse_fail_on("medium, index,regression");
  CHECK(gate.min_severity == 2);
  CHECK(gate.index);
  CHECK(gate.regression);
  CHECK_FALSE(gate.rewrite);
  CHECK(parse_fail_on("high,low").min_severity == 1);  // the lowest threshold named
  CHECK_THROWS_WITH(parse_fail_on("high,regresion"), Catch::Contains("unknown condition 'regresion'"));
}

TEST_CASE("a report fails the gate only for what was asked", "[fail-on]") {
  json report = {{"findings", {{{"kind", "n_plus_one"}, {"severity", "medium"}}}},
                 {"indexes", json::array({{{"name", "x"}}})},
                 {"rewrites", json::array({{{"verdict", "not worth it"}}})},
                 {"baseline", {{"regressions", json::array()}}}};
  CHECK(fail_on_reasons(parse_fail_on("never"), report).empty());
  CHECK(fail_on_reasons(parse_fail_on("high"), report).empty());
  auto medium = fail_on_reasons(parse_fail_on("medium"), report);
  REQUIRE(medium.size() == 1);
  CHECK(medium[0] == "1 finding(s) at or above the threshold, first n_plus_one (medium)");
  CHECK(fail_on_reasons(parse_fail_on("index"), report) == std::vector<std::string>{"1 index(es) proposed"});
  CHECK(fail_on_reasons(parse_fail_on("rewrite"), report).empty());  // tried, not proposed
  CHECK(fail_on_reasons(parse_fail_on("regression"), report).empty());
  report["baseline"]["regressions"].push_back({{"fingerprint", "f"}});
  CHECK(fail_on_reasons(parse_fail_on("regression"), report) ==
        std::vector<std::string>{"1 regression(s) against the baseline"});
}

TEST_CASE("new-high, new-medium and new-low read the lowest threshold named", "[fail-on]") {
  FailOn gate = parse_fail_on("new-high");
  CHECK(gate.min_new_severity == 3);
  CHECK(gate.min_severity == 0);
  CHECK(gate.needs_baseline());
  CHECK(parse_fail_on("new-high,new-low").min_new_severity == 1);
  CHECK_FALSE(parse_fail_on("high,index").needs_baseline());
  CHECK_THROWS_WITH(parse_fail_on("new-urgent"), Catch::Contains("unknown condition 'new-urgent'"));
}

TEST_CASE("new-high fails only for a high finding the baseline or the previous run lacks", "[fail-on]") {
  const json high = {{"kind", "n_plus_one"}, {"severity", "high"}, {"templates", {"a"}}};
  const json medium = {{"kind", "select_star"}, {"severity", "medium"}, {"templates", {"b"}}};
  // --baseline: its new_findings decide
  json report = {{"findings", {high, medium}}, {"baseline", {{"regressions", json::array()}, {"new_findings", {medium}}}}};
  CHECK(fail_on_reasons(parse_fail_on("new-high"), report).empty());  // the high one was in the baseline
  CHECK(fail_on_reasons(parse_fail_on("new-medium"), report) ==
        std::vector<std::string>{"1 new finding(s) at or above the threshold (not in the baseline), first select_star (medium)"});
  report["baseline"]["new_findings"].push_back(high);
  CHECK(fail_on_reasons(parse_fail_on("new-high"), report).size() == 1);

  // --history alone: the trend's comparison with the previous run
  json trended = {{"findings", {high, medium}},
                  {"trend", {{"previous", "reports/2026-11-30.json"}, {"regressions", json::array()}, {"new_findings", json::array()}}}};
  CHECK(fail_on_reasons(parse_fail_on("new-low,regression"), trended).empty());
  trended["trend"]["new_findings"].push_back(high);
  trended["trend"]["regressions"].push_back({{"fingerprint", "a"}});
  CHECK(fail_on_reasons(parse_fail_on("new-high,regression"), trended) ==
        std::vector<std::string>{"1 regression(s) against the previous run",
                                 "1 new finding(s) at or above the threshold (not in the previous run), first n_plus_one (high)"});

  // no earlier report in the history: every finding is new
  json first = {{"findings", {medium}},
                {"trend", {{"previous", nullptr}, {"regressions", json::array()}, {"new_findings", json::array()}}}};
  CHECK(fail_on_reasons(parse_fail_on("new-high"), first).empty());
  CHECK(fail_on_reasons(parse_fail_on("new-medium"), first) ==
        std::vector<std::string>{"1 new finding(s) at or above the threshold (no earlier report in --history: every finding "
                                 "is new), first select_star (medium)"});
}
