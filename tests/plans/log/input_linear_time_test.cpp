// Reading takes time linear in the input, however damaged it is (issue 16: 1 MB of bad SQL took
// 26 minutes). A complexity check, not a speed one: the time of one large input is compared with
// the time of ten inputs a tenth its size (best of several runs each), never with a number of
// seconds. Quadratic reading makes the ratio about 10; linear reading about 1.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <sstream>
#include <string>

#include "plans/log/django_reader.hpp"
#include "plans/log/sql_file_reader.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

constexpr double kMostRatio = 3;

// The best of `runs` timings of `work`, in seconds.
double best_time(const std::function<void()>& work, int runs = 5) {
  double best = 1e300;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    const std::chrono::duration<double> taken = std::chrono::steady_clock::now() - start;
    best = std::min(best, taken.count());
  }
  return best;
}

// `count` statements that do not parse, one a line, of the kinds a reader recovers from in
// different ways: a syntax error, a psql meta-command, text the scanner cannot read.
std::string bad_sql(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    switch (i % 5) {
      case 0: text += "SELECT a FROM orders WHERE id = " + n + " AND AND status = 'open';\n"; break;
      case 1: text += "UPDATE orders SET total = " + n + " WHERE;\n"; break;
      case 2: text += "\\echo step " + n + "\n"; break;
      case 3: text += "SELECT 0001_" + n + " FROM orders;\n"; break;
      default: text += "INSERT INTO orders (id) VALUES (" + n + ") RETURNING;\n"; break;
    }
  }
  return text;
}

CollectedLog read_text(LogReader reader, const std::string& text) {
  std::istringstream in(text);
  return read_log(reader, in, "t");
}

}  // namespace

TEST_CASE("linear time: 10,000 parse errors in a .sql file read like 10 files of 1,000",
          "[log][limits][sql]") {
  const std::string large = bad_sql(10000);
  const std::string small = bad_sql(1000);
  const CollectedLog read = read_text(read_sql_file, large);
  CHECK(read.statements.empty());
  REQUIRE(read.diagnostics.size() == 10000);
  CHECK(read.diagnostics.back().line == 10000);

  const double one_large = best_time([&] { read_text(read_sql_file, large); }, 3);
  const double ten_small = best_time([&] {
    for (int i = 0; i < 10; ++i) read_text(read_sql_file, small);
  }, 3);
  INFO("10,000 errors: " << one_large << " s; 10 x 1,000 errors: " << ten_small << " s");
  CHECK(one_large / ten_small < kMostRatio);
}

TEST_CASE("linear time: a Django line with many args= reads like 10 lines of a tenth",
          "[log][limits][django]") {
  const auto record = [](int occurrences) {
    std::string line = "(0.001) SELECT 1";
    for (int i = 0; i < occurrences; ++i) line += "; args=(";
    return line + "\n";
  };
  const std::string large = record(50000);
  std::string small;
  for (int i = 0; i < 10; ++i) small += record(5000);
  REQUIRE(read_text(read_django_log, large).statements.size() == 1);
  REQUIRE(read_text(read_django_log, small).statements.size() == 10);

  const double one_large = best_time([&] { read_text(read_django_log, large); });
  const double ten_small = best_time([&] { read_text(read_django_log, small); });
  INFO("one line of 50,000: " << one_large << " s; 10 lines of 5,000: " << ten_small << " s");
  CHECK(one_large / ten_small < kMostRatio);
}
