// A Python string literal of any bytes: quotes, backslashes and control characters escaped,
// UTF-8 kept, and a byte that is not UTF-8 written as the visible escape \xNN (its backslash
// escaped, so the value is the four characters, as in every other output). And the one check
// that a name can stand in Python source: ASCII identifiers that are not Python 3 keywords.
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

TEST_CASE("is_python_identifier accepts ASCII names and refuses every Python 3 keyword", "[advisor][django]") {
  for (const char* name : {"a", "_", "_private", "published_at", "Post", "x1", "Author2Book", "__init__"}) {
    INFO(name);
    CHECK(is_python_identifier(name));
  }
  // Soft keywords stay valid names (match = 1, models.Q(type=2), class Case: ...).
  for (const char* name : {"match", "case", "type", "print", "exec", "none", "TRUE", "Class"}) {
    INFO(name);
    CHECK(is_python_identifier(name));
  }
  for (const char* name : {"", "1a", "9", "a-b", "a b", "a.b", "a$", "\"quoted\"", "caf\xC3\xA9", "Ren\xE9", "lower(x)"}) {
    INFO(name);
    CHECK_FALSE(is_python_identifier(name));
  }
  // keyword.kwlist of Python 3.7 to 3.13.
  for (const char* keyword : {"False",  "None",   "True",    "and",      "as",   "assert", "async",  "await",
                              "break",  "class",  "continue", "def",     "del",  "elif",   "else",   "except",
                              "finally", "for",   "from",    "global",   "if",   "import", "in",     "is",
                              "lambda", "nonlocal", "not",   "or",       "pass", "raise",  "return", "try",
                              "while",  "with",   "yield"}) {
    INFO(keyword);
    CHECK_FALSE(is_python_identifier(keyword));
  }
}
