// The report's generated_at: written as UTC with milliseconds, read back to the same instant;
// text that is not such a time (a local time, an offset, a bad field) reads as nothing.
#include <catch2/catch.hpp>

#include "plans/utc_time.hpp"

using namespace pgadvisor;

TEST_CASE("UTC timestamps are written with milliseconds and read back to the same instant", "[history][time]") {
  const UtcTime instant = UtcTime(std::chrono::seconds(1796608813)) + std::chrono::milliseconds(42);
  CHECK(utc_timestamp(instant) == "2026-12-07T02:00:13.042Z");
  REQUIRE(parse_utc_timestamp("2026-12-07T02:00:13.042Z").has_value());
  CHECK(*parse_utc_timestamp("2026-12-07T02:00:13.042Z") == instant);
  CHECK(*parse_utc_timestamp("2026-12-07T02:00:13Z") == instant - std::chrono::milliseconds(42));
  CHECK(*parse_utc_timestamp("2026-12-07T02:00:13.0429Z") == instant);  // finer than milliseconds: cut
  CHECK(utc_timestamp(*parse_utc_timestamp("2026-12-07T02:00:13.5Z")) == "2026-12-07T02:00:13.500Z");
  // the text sorts as the time does
  CHECK(utc_timestamp(instant) < utc_timestamp(instant + std::chrono::milliseconds(1)));
}

TEST_CASE("text that is not a UTC timestamp reads as nothing", "[history][time]") {
  for (const char* text : {"", "2026-12-07", "2026-12-07 02:00:13Z", "2026-12-07T02:00:13", "2026-12-07T02:00:13+01:00",
                           "2026-13-07T02:00:13Z", "2026-12-07T24:00:13Z", "2026-12-07T02:00:13.Z", "2026-12-07T02:00:13.1xZ"}) {
    INFO(text);
    CHECK_FALSE(parse_utc_timestamp(text).has_value());
  }
}
