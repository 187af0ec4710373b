// A Python string literal of any bytes: quotes, backslashes and control characters escaped,
// UTF-8 kept, and a byte that is not UTF-8 written as the visible escape \xNN (its backslash
// escaped, so the value is the four characters, as in every other output).
#include <catch2/catch.hpp>

#include "advisor/rewrites/django_lookup_values.hpp"

using namespace pgadvisor;

TEST_CASE("python_string escapes what Python needs and keeps a Latin-1 byte visible", "[advisor][django]") {
  CHECK(python_string("plain") == "\"plain\"");
  CHECK(python_string("a \"b\" \\ c") == "\"a \\\"b\\\" \\\\ c\"");
  CHECK(python_string("line\nnext\t") == "\"line\\nnext\\t\"");
  CHECK(python_string("caf\xC3\xA9") == "\"caf\xC3\xA9\"");
  CHECK(python_string("Ren\xE9") == "\"Ren\\\\xE9\"");
}
