// The test names themselves: ctest runs each test case by passing its name to the binary
// (catch_discover_tests), which splits a name at ";" and reads one starting with "--" as an
// option. Such a test "passes" in ctest without running; this guards against it.
#include <catch2/catch.hpp>

TEST_CASE("every test name can be handed to the binary by ctest", "[meta]") {
  const auto& tests = Catch::getRegistryHub().getTestCaseRegistry().getAllTests();
  REQUIRE(tests.size() > 100);
  for (const auto& test : tests) {
    const std::string& name = test.getTestCaseInfo().name;
    INFO(name);
    CHECK(name.find(';') == std::string::npos);
    CHECK(name.rfind("--", 0) != 0);
    CHECK(name.rfind("-", 0) != 0);
  }
}
