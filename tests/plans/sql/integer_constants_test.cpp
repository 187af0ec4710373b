// libpg_query 15's JSON writes -5 as `"ival": {}` (as 0): parse_sql reads it back from the text,
// so predicates and partial-index WHEREs keep the real number.
#include <catch2/catch.hpp>

#include "plans/sql/integer_constants.hpp"
#include "plans/sql/pg_query_api.hpp"
#include "plans/sql/query_facts.hpp"

using namespace pgadvisor;

TEST_CASE("negative integer constants keep their value", "[sql]") {
  ParsedSql parsed = parse_sql("SELECT * FROM t WHERE x = -5 AND y = 0 AND z = 7 AND w = - 3 AND v IN (-1, 2) LIMIT 10");
  REQUIRE(parsed.ok());
  QueryFacts facts = extract_query_facts(parsed);
  REQUIRE(facts.scopes.size() == 1);
  std::map<std::string, std::vector<std::string>> values;
  for (const auto& predicate : facts.scopes[0].predicates) values[predicate.column.column] = predicate.values;
  CHECK(values["x"] == std::vector<std::string>{"-5"});
  CHECK(values["y"] == std::vector<std::string>{"0"});
  CHECK(values["z"] == std::vector<std::string>{"7"});
  CHECK(values["w"] == std::vector<std::string>{"-3"});
  CHECK(values["v"] == std::vector<std::string>{"-1", "2"});
  CHECK(facts.scopes[0].limit == 10);
}

TEST_CASE("the repair touches only empty ivals written as a negative number", "[sql]") {
  nlohmann::json tree = {{"A_Const", {{"ival", nlohmann::json::object()}, {"location", 4}}}};
  CHECK(repair_negative_integers(tree, "x = 0") == 0);  // a real 0 (location 4 is '0')
  CHECK(tree["A_Const"]["ival"].empty());
  CHECK(repair_negative_integers(tree, "x = -42") == 1);
  CHECK(tree["A_Const"]["ival"]["ival"] == -42);
}
