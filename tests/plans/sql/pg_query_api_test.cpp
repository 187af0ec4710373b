#include <catch2/catch.hpp>

#include "plans/sql/pg_query_api.hpp"
#include "plans/sql/same_expression.hpp"

using namespace pgadvisor;

TEST_CASE("identifiers are quoted as PostgreSQL's quote_ident does", "[sql]") {
  CHECK(quote_identifier("blog_post") == "blog_post");
  CHECK(quote_identifier("user") == "\"user\"");    // reserved
  CHECK(quote_identifier("order") == "\"order\"");  // reserved
  CHECK(quote_identifier("name") == "name");        // unreserved keyword
  CHECK(quote_identifier("CamelCase") == "\"CamelCase\"");
  CHECK(quote_identifier("has space") == "\"has space\"");
  CHECK(quote_identifier("a\"b") == "\"a\"\"b\"");
  CHECK(quote_identifier("1abc") == "\"1abc\"");
}

TEST_CASE("fingerprint and normalize ignore constants", "[sql]") {
  CHECK(fingerprint_sql("SELECT * FROM t WHERE id = 1") == fingerprint_sql("select * from t where id = 42"));
  CHECK(fingerprint_sql("SELECT * FROM t WHERE id = 1") != fingerprint_sql("SELECT * FROM t WHERE other = 1"));
  CHECK(fingerprint_sql("SELEC 1").empty());
  CHECK(normalize_sql("SELECT * FROM t WHERE id = 1 AND s = 'x'") == "SELECT * FROM t WHERE id = $1 AND s = $2");
  ParsedSql bad = parse_sql("SELECT FROM WHERE");
  CHECK_FALSE(bad.ok());
  CHECK(bad.error_position > 0);
}

TEST_CASE("expressions compare by parse tree", "[sql]") {
  CHECK(same_expression("(NOT is_completed)", "NOT is_completed"));
  CHECK(same_expression("status = 'a'", "status='a'"));
  CHECK_FALSE(same_expression("status = 'a'", "status = 'b'"));
  CHECK_FALSE(same_expression("published", "NOT published"));
  CHECK_FALSE(same_expression("published AND", "published AND"));
}

TEST_CASE("a statement that is not valid UTF-8 parses, its bytes visible in the tree", "[sql]") {
  // found by the sql_file_reader fuzz target: libpg_query copies the bytes into its JSON
  ParsedSql parsed = parse_sql("SELECT '\xff\xfe' AS x, 'ok' AS y");
  REQUIRE(parsed.ok());
  CHECK(parsed.not_utf8);
  const std::string tree = parsed.tree.dump();
  CHECK(tree.find(R"("sval":"\\xFF\\xFE")") != std::string::npos);
  CHECK(tree.find(R"("location":7)") != std::string::npos);  // byte offsets into the statement as sent
  CHECK_FALSE(parse_sql("SELECT 1").not_utf8);
}
