// QueryFacts: the columns each level reads (for covering indexes) and expression predicates.
#include <catch2/catch.hpp>

#include <algorithm>

#include "plans/sql/query_facts.hpp"

using namespace pgadvisor;

namespace {

QueryFacts facts_of(const std::string& sql) { return extract_query_facts(parse_sql(sql)); }

std::vector<std::string> columns_read(const QueryScope& scope, const std::string& table) {
  std::vector<std::string> columns;
  for (const auto& column : scope.referenced)
    if (column.table == table) columns.push_back(column.column);
  std::sort(columns.begin(), columns.end());
  return columns;
}

}  // namespace

TEST_CASE("every column a level reads is recorded, and whether that is all of them", "[sql]") {
  QueryFacts facts = facts_of(
      "SELECT p.title, a.name FROM blog_post p JOIN blog_author a ON a.id = p.author_id "
      "WHERE p.published AND p.created_at > $1 GROUP BY p.title, a.name ORDER BY p.title LIMIT 5");
  const QueryScope& scope = facts.scopes[0];
  CHECK(columns_read(scope, "blog_post") == std::vector<std::string>{"author_id", "created_at", "published", "title"});
  CHECK(columns_read(scope, "blog_author") == std::vector<std::string>{"id", "name"});
  CHECK(scope.all_columns_known("blog_post"));
  CHECK(scope.all_columns_known("blog_author"));
}

TEST_CASE("stars, whole rows and unresolved columns make the list incomplete", "[sql]") {
  CHECK_FALSE(facts_of("SELECT * FROM blog_post WHERE id = 1").scopes[0].all_columns_known("blog_post"));
  QueryScope qualified_star = facts_of("SELECT p.*, a.name FROM blog_post p JOIN blog_author a ON a.id = p.author_id").scopes[0];
  CHECK_FALSE(qualified_star.all_columns_known("blog_post"));
  CHECK(qualified_star.all_columns_known("blog_author"));
  CHECK_FALSE(facts_of("SELECT row_to_json(p) FROM blog_post p").scopes[0].all_columns_known("blog_post"));
  QueryScope ambiguous = facts_of("SELECT title FROM blog_post p JOIN blog_author a ON a.id = p.author_id").scopes[0];
  CHECK_FALSE(ambiguous.all_columns_known("blog_post"));
  QueryScope derived = facts_of("SELECT title FROM blog_post p, (SELECT 1 AS one) d").scopes[0];
  CHECK_FALSE(derived.all_columns_known("blog_post"));
  QueryScope aliased = facts_of("SELECT id AS n FROM blog_post ORDER BY n").scopes[0];
  CHECK(aliased.all_columns_known("blog_post"));
  CHECK(columns_read(aliased, "blog_post") == std::vector<std::string>{"id"});
}

TEST_CASE("a subquery adds its outer references to the outer level only", "[sql]") {
  QueryFacts facts = facts_of(
      "SELECT p.id FROM blog_post p WHERE EXISTS (SELECT 1 FROM blog_comment c WHERE c.post_id = p.id AND c.active) "
      "AND p.author_id IN (SELECT id FROM blog_author WHERE name = 'x')");
  const QueryScope& outer = facts.scopes[0];
  CHECK(columns_read(outer, "blog_post") == std::vector<std::string>{"author_id", "id"});
  CHECK(columns_read(outer, "blog_comment").empty());
  CHECK(outer.all_columns_known("blog_post"));
}

TEST_CASE("expressions over one table's columns become expression predicates", "[sql]") {
  QueryFacts facts = facts_of(
      "SELECT \"users_user\".\"id\" FROM \"users_user\" WHERE UPPER(\"users_user\".\"email\"::text) = UPPER($1) "
      "AND lower(users_user.name) = 'bob' AND date_trunc('day', users_user.created) = '2024-01-01' "
      "AND (\"users_user\".\"created\" AT TIME ZONE 'UTC')::date = '2024-05-01'::date");
  const auto& predicates = facts.scopes[0].predicates;
  REQUIRE(predicates.size() == 4);
  CHECK(predicates[0].column == ColumnName{"users_user", "upper(email::text)", true});
  CHECK(predicates[0].computed_value);
  CHECK(predicates[0].values == std::vector<std::string>{"$1"});
  CHECK(predicates[1].column == ColumnName{"users_user", "lower(name)", true});
  CHECK_FALSE(predicates[1].computed_value);
  CHECK(predicates[1].values == std::vector<std::string>{"'bob'"});
  CHECK(predicates[2].column.column == "date_trunc('day', created)");
  CHECK(predicates[3].column.expression);
  // libpg_query's deparser drops these parentheses: the source text is kept, qualifier removed
  CHECK(predicates[3].column.column == "(\"created\" AT TIME ZONE 'UTC')::date");
  CHECK(predicates[3].to_sql() == "((\"created\" AT TIME ZONE 'UTC')::date) = '2024-05-01'");
}

TEST_CASE("expressions over two tables or with subqueries are not predicates", "[sql]") {
  QueryFacts facts = facts_of(
      "SELECT 1 FROM blog_post p JOIN blog_author a ON a.id = p.author_id "
      "WHERE coalesce(p.title, a.name) = 'x' AND length(p.title) = (SELECT 5) AND p.id + 1 = a.id");
  CHECK(facts.scopes[0].predicates.empty());
}
