// Tests of the `DETAIL:  parameters:` value parser on the shapes PostgreSQL logs and on text of
// another shape (the stderr reader turns those into diagnostics).
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "plans/log/bind_parameters.hpp"

using namespace pgadvisor;

using Params = std::optional<std::vector<StatementParam>>;

TEST_CASE("bind parameters: quoted values, NULL, doubled quotes, newlines", "[log][bind]") {
  CHECK(parse_bind_parameters("$1 = '5'") == Params{{"5"}});
  CHECK(parse_bind_parameters("$1 = NULL, $2 = '', $3 = 'it''s', $4 = 'two\nlines'") ==
        Params{{std::nullopt, "", "it's", "two\nlines"}});
  CHECK(parse_bind_parameters("$1 = 'a, $2 = ''b'''") == Params{{"a, $2 = 'b'"}});
  CHECK(parse_bind_parameters("$1 = 'NULL'") == Params{{"NULL"}});
}

TEST_CASE("bind parameters: other shapes are not read", "[log][bind]") {
  for (const char* text : {"", "$2 = '5'", "$1 = '5", "$1 = 5", "$1 = '5' $2 = '6'",
                           "$1 = '5', ", "$1 = '5', $3 = '6'", "1 = '5'"}) {
    INFO(text);
    CHECK_FALSE(parse_bind_parameters(text).has_value());
  }
}
