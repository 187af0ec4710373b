#include <catch2/catch.hpp>

#include "plans/sql/prepared_execute.hpp"

using namespace pgadvisor;

TEST_CASE("EXECUTE of a PREPAREd statement becomes its query with bind parameters", "[sql]") {
  ResolvedExecute got = resolve_prepared_execute(
      "EXECUTE post_by_id(7, 'it''s', NULL, -2.5, true, '2026-01-01'::date);",
      "PREPARE post_by_id(bigint, text, int, numeric, bool, date) AS /* c */ SELECT $1, $2 AS x, $3, $4, $5, $6;");
  REQUIRE(got.ok());
  CHECK(got.sql == "SELECT $1, $2 AS x, $3, $4, $5, $6;");
  CHECK(got.params == std::vector<StatementParam>{"7", "it's", std::nullopt, "-2.5", "true", "2026-01-01"});

  ResolvedExecute lower = resolve_prepared_execute("execute foo(1);", "prepare foo (int) as select $1;");
  REQUIRE(lower.ok());
  CHECK(lower.sql == "select $1;");

  ResolvedExecute none = resolve_prepared_execute("EXECUTE q", "PREPARE q AS SELECT 1 AS \"as\"");
  REQUIRE(none.ok());
  CHECK(none.sql == "SELECT 1 AS \"as\"");
  CHECK(none.params.empty());
}

TEST_CASE("an EXECUTE that cannot be resolved says why", "[sql]") {
  CHECK(resolve_prepared_execute("EXECUTE q(now())", "PREPARE q(timestamptz) AS SELECT $1").error ==
        "argument 1 of EXECUTE q is an expression, not a constant");
  CHECK(resolve_prepared_execute("EXECUTE q(1)", "PREPARE r(int) AS SELECT $1").error ==
        "EXECUTE q but the DETAIL prepares r");
  CHECK_FALSE(resolve_prepared_execute("EXECUTE q(1)", "PREPARE q(int) AS").ok());
  CHECK_FALSE(resolve_prepared_execute("SELECT 1", "PREPARE q AS SELECT 1").ok());
}

TEST_CASE("looks_like_execute is a cheap keyword test", "[sql]") {
  CHECK(looks_like_execute("EXECUTE q(1)"));
  CHECK(looks_like_execute("  execute\nq"));
  CHECK_FALSE(looks_like_execute("executed"));
  CHECK_FALSE(looks_like_execute("SELECT 1"));
  CHECK_FALSE(looks_like_execute("exec"));
}
