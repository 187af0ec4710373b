// Durations on the command line: PostgreSQL-style units, and a clear error for anything else.
#include <catch2/catch.hpp>

#include "cli/replay_options.hpp"
#include "plans/fatal_error.hpp"

using namespace pgadvisor;

TEST_CASE("timeouts take ms, s, min and h", "[cli][unit]") {
  CHECK_THROWS_WITH(parse_duration_ms("250", "--x"), Catch::Contains("needs its unit") || Catch::Contains("and its unit"));
  CHECK(parse_duration_ms("0", "--x") == 0);
  CHECK(parse_duration_ms("250ms", "--x") == 250);
  CHECK(parse_duration_ms("30s", "--x") == 30000);
  CHECK(parse_duration_ms("1.5s", "--x") == 1500);
  CHECK(parse_duration_ms("2min", "--x") == 120000);
  CHECK(parse_duration_ms("1h", "--x") == 3600000);
  CHECK_THROWS_AS(parse_duration_ms("soon", "--x"), FatalError);
  CHECK_THROWS_AS(parse_duration_ms("5 days", "--x"), FatalError);
  CHECK_THROWS_AS(parse_duration_ms("-1s", "--x"), FatalError);
  CHECK_THROWS_WITH(parse_duration_ms("9d", "--lock-timeout"), Catch::Contains("--lock-timeout 9d"));
}
