// token_span: the quick pass finds the tokens where libpg_query's scanner finds them, or says it
// is unsure; checked on hand-picked traps and on many generated statements built from the pieces
// that make scanning hard (quotes, nested comments, dollar quotes, escapes, numbers, ';').
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "plans/sql/token_span.hpp"

using namespace pgadvisor;

namespace {

// The quick pass and the scanner agree, or the quick pass is unsure.
void check_agrees(const std::string& sql) {
  std::optional<TokenSpan> quick;
  if (!quick_token_span(sql, quick)) return;
  const std::optional<TokenSpan> scanned = scanned_token_span(sql);
  INFO(sql);
  REQUIRE(quick.has_value() == scanned.has_value());
  if (!quick) return;
  CHECK(quick->start == scanned->start);
  CHECK(quick->end == scanned->end);
}

}  // namespace

TEST_CASE("token_span leaves out leading and trailing comments, spaces and semicolons", "[sql][comment-tags]") {
  const std::string sql = " /* a */ -- b\n SELECT 'x /* y */' , \"q\"\"\" ; /* c /* nested */ */ ;";
  const std::optional<TokenSpan> span = token_span(sql);
  REQUIRE(span);
  CHECK(sql.substr(span->start, span->end - span->start) == "SELECT 'x /* y */' , \"q\"\"\"");
  CHECK_FALSE(token_span("/* only a comment */ ;"));
  CHECK_FALSE(token_span("SELECT 'unterminated"));
}

TEST_CASE("the quick pass is unsure where the scanner must decide", "[sql][comment-tags]") {
  std::optional<TokenSpan> span;
  for (const char* unsure : {"SELECT $$ a $$", "SELECT E'\\''", "SELECT 1e5", "SELECT 12abc", "SELECT \"\"",
                             "SELECT U&'d!0061' UESCAPE '!'", "SELECT a$b", "SELECT $1x", "SELECT 1 /* open",
                             "SELECT \v1"})
    CHECK_FALSE(quick_token_span(unsure, span));
  for (const char* sure : {"SELECT 1", "SELECT \"blog_post\".\"id\" FROM \"blog_post\" WHERE id = $1 LIMIT 21",
                           "INSERT INTO t VALUES ('it''s', 'a -- b')"})
    CHECK(quick_token_span(sure, span));
}

TEST_CASE("the quick pass agrees with the scanner on traps", "[sql][comment-tags]") {
  for (const char* sql : {"SELECT 1 /*a='b'*/", "/*a:b*/ SELECT 1;", "SELECT '/*' /*x*/", "SELECT 1 +/* c */ 2",
                          "SELECT 1--2\n", "SELECT 1 */ 2", "SELECT '' /**/;;", "SELECT a.b /*/ x */",
                          "SELECT 1 /*a /* b */ c*/ -- d\r", ";", "  ", "SELECT $12 /*x*/", "SELECT 1.5 ;/*x*/",
                          "SELECT 'a'\n'b' /* x **/", "SELECT \xc3\xa9t\xc3\xa9 FROM t"})
    check_agrees(sql);
}

TEST_CASE("the quick pass agrees with the scanner on generated statements", "[sql][comment-tags]") {
  const std::vector<std::string> pieces = {
      "SELECT", " ", "1", "12", "1.5", "e5", "x", "\"q\"", "\"\"", "'s'", "''", "'", "\"", "/*", "*/", "--", "\n",
      "\r", ";", "$1", "$", "$$", "$t$", "E'", "\\", "*", "/", "-", "+", "&", "U&", "é", "(", ")", ",", "\t"};
  std::mt19937 random(20261207);
  std::uniform_int_distribution<size_t> piece(0, pieces.size() - 1), length(1, 12);
  for (int round = 0; round < 50000; ++round) {
    std::string sql;
    for (size_t k = length(random); k > 0; --k) sql += pieces[piece(random)];
    check_agrees(sql);
  }
}
