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
