// parse_byte_size: the sizes --budget reads, decimal and binary units.
#include <catch2/catch.hpp>

#include "plans/byte_size.hpp"
#include "plans/text_format.hpp"

using namespace pgadvisor;

TEST_CASE("sizes: GB is 10^9 bytes, GiB 2^30, and a number needs a unit", "[unit][size]") {
  CHECK(parse_byte_size("2.5GB") == 2500000000LL);
  CHECK(parse_byte_size("500MB") == 500000000LL);
  CHECK(parse_byte_size("500 mb") == 500000000LL);
  CHECK(parse_byte_size("1GiB") == 1073741824LL);
  CHECK(parse_byte_size("64kB") == 64000LL);
  CHECK(parse_byte_size("12B") == 12LL);
  CHECK(parse_byte_size("0") == 0LL);
  CHECK_FALSE(parse_byte_size("12"));
  CHECK_FALSE(parse_byte_size("-1GB"));
  CHECK_FALSE(parse_byte_size("lots"));
  CHECK_FALSE(parse_byte_size("1.2.3GB"));
  CHECK_FALSE(parse_byte_size("1PB"));
  CHECK_FALSE(parse_byte_size("0.4B"));  // a size that rounds to nothing is not "no limit"
  CHECK(parse_byte_size("0MB") == 0LL);
  CHECK(human_bytes(2500000000LL) == "2.50 GB");
  CHECK(human_bytes(1073741824LL) == "1.07 GB");
  CHECK(human_bytes(3000000LL) == "3.0 MB");
}
