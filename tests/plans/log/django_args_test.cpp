// Where the args of a Django record line start (plans/log/django_args): on real shapes, and on
// random lines against the straightforward reading (try each "; args=" in turn, read the rest as
// a repr), which takes time quadratic in the number of occurrences but is plainly right.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "plans/log/django_args.hpp"

using namespace pgadvisor;

namespace {

bool reference_is_repr(std::string_view text) {
  text = without_django_alias(text);
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if ((c == ')' || c == ']' || c == '}') && --depth < 0) {
      return false;
    }
  }
  return !text.empty() && depth == 0 && quote == 0;
}

size_t reference_find_args(const std::string& line) {
  for (size_t pos = line.find("; args="); pos != std::string::npos;
       pos = line.find("; args=", pos + 1)) {
    if (reference_is_repr(std::string_view(line).substr(pos + 7))) return pos;
  }
  return line.rfind("; args=");
}

}  // namespace

TEST_CASE("django args: the first occurrence followed by a whole repr", "[log][django]") {
  CHECK(find_django_args("SELECT 1; args=()") == 8);
  CHECK(find_django_args("SELECT 1; args=(1,); alias=default") == 8);
  const std::string literal = "SELECT '; args=(' AS x; args=('; args=(',)";
  CHECK(find_django_args(literal) == literal.find("; args=('", 9));  // not the one in the SQL
  CHECK(find_django_args("SELECT 1") == std::string::npos);
  CHECK(find_django_args("SELECT 1; args=(; args=(") == 16);  // none whole: the last
  CHECK(without_django_alias("(1,); alias=default") == "(1,)");
  CHECK(without_django_alias("(1,); alias=(x)") == "(1,); alias=(x)");
}

TEST_CASE("django args: the same as trying each occurrence, on random lines", "[log][django]") {
  const std::vector<std::string> pieces = {"; args=", "; alias=db", "(", ")", "[", "]", "{", "}",
                                           "'", "\"", "\\", "x", " ", ",", "; "};
  std::mt19937 random(16);
  std::uniform_int_distribution<size_t> length(0, 25);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  for (int i = 0; i < 20000; ++i) {
    std::string line = "SELECT 1";
    for (size_t n = length(random); n > 0; --n) line += pieces[pick(random)];
    INFO(line);
    REQUIRE(find_django_args(line) == reference_find_args(line));
  }
}
