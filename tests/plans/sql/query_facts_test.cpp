// QueryFacts on real SQL emitted by Django 3.2 (fixtures/blog/logs/django.log).
#include <catch2/catch.hpp>

#include "tests/support/fixture_log.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

TEST_CASE("facts of a Django list page: boolean filter, ORDER BY DESC, LIMIT", "[sql]") {
  Workload workload = fixture_workload("blog/logs/django.log");
  const QueryTemplate& list = template_containing(workload, "ORDER BY \"blog_post\".\"created_at\" DESC LIMIT 20");
  REQUIRE(list.facts.scopes.size() == 1);
  const QueryScope& scope = list.facts.scopes[0];
  REQUIRE(scope.tables.size() == 1);
  CHECK(scope.tables[0].name == "blog_post");
  REQUIRE(scope.predicates.size() == 1);
  CHECK(scope.predicates[0].column == ColumnName{"blog_post", "published"});
  CHECK(scope.predicates[0].boolean_column);
  CHECK(scope.predicates[0].to_sql() == "published");
  REQUIRE(scope.order_by.size() == 1);
  CHECK(scope.order_by[0].column.column == "created_at");
  CHECK(scope.order_by[0].descending);
  CHECK(scope.order_by[0].nulls_first);
  CHECK(scope.limit == 20);
  CHECK(list.calls == 9);
  CHECK(list.predicate_is_constant(0, 0));
}

TEST_CASE("facts of exclude(): NOT IN (SELECT ...) with its inner scope", "[sql]") {
  Workload workload = fixture_workload("blog/logs/django.log");
  const QueryTemplate& exclude = template_containing(workload, "NOT (\"todos_todo\".\"id\" IN (SELECT");
  REQUIRE(exclude.facts.scopes.size() == 2);
  const QueryScope& outer = exclude.facts.scopes[0];
  REQUIRE(outer.subqueries.size() == 1);
  CHECK(outer.subqueries[0].negated);
  CHECK(outer.subqueries[0].column == ColumnName{"todos_todo", "id"});
  const QueryScope& inner = exclude.facts.scopes[static_cast<size_t>(outer.subqueries[0].scope)];
  CHECK(inner.tables[0].name == "todos_todoassignee");
  CHECK(inner.tables[0].alias == "u0");
  REQUIRE(inner.predicates.size() == 1);
  CHECK(inner.predicates[0].column == ColumnName{"todos_todoassignee", "is_completed"});
  REQUIRE(inner.selected.size() == 1);
  CHECK(inner.selected[0].column == "todo_id");
  // The outer range filter: priority >= 8 in the first call, >= 9 in the second
  REQUIRE(exclude.calls == 2);
  REQUIRE(outer.predicates.size() == 1);
  CHECK(outer.predicates[0].op == PredicateOp::GreaterEqual);
  CHECK(outer.predicates[0].values == std::vector<std::string>{"8"});
  CHECK_FALSE(exclude.predicate_is_constant(0, 0));
  CHECK(exclude.predicate_is_constant(1, 0));
  CHECK(outer.limit == 50);
}

TEST_CASE("facts resolve columns through joins and keep typed constants", "[sql]") {
  Workload workload = fixture_workload("blog/logs/django.log");
  const QueryTemplate& pending = template_containing(workload, "\"users_user\".\"status\" = 'pending'");
  const auto& predicates = pending.facts.scopes[0].predicates;
  REQUIRE(predicates.size() == 2);
  CHECK(predicates[0].op == PredicateOp::GreaterEqual);
  CHECK(predicates[0].values[0] == "'2024-06-23T00:00:00+00:00'");
  CHECK(predicates[1].to_sql() == "status = 'pending'");

  const QueryTemplate& joined = template_containing(workload, "INNER JOIN \"blog_publisher\"");
  const QueryScope& scope = joined.facts.scopes[0];
  CHECK(scope.tables.size() == 2);
  REQUIRE(scope.order_by.size() == 1);
  CHECK(scope.order_by[0].column == ColumnName{"blog_book", "price"});
  CHECK_FALSE(scope.order_by[0].descending);

  const QueryTemplate& update = template_containing(workload, "UPDATE \"todos_todo\" SET \"priority\"");
  CHECK(update.facts.kind == StatementKind::Update);
  REQUIRE(update.facts.scopes[0].predicates.size() == 2);
  CHECK(update.facts.scopes[0].predicates[0].to_sql() == "NOT is_completed");
}

TEST_CASE("a constant that varies between calls is not constant", "[sql]") {
  Workload workload = fixture_workload("blog/logs/django.log");
  const QueryTemplate& by_author = template_containing(workload, "\"blog_post\".\"author_id\" = ");
  REQUIRE(by_author.calls > 1);
  const auto& predicates = by_author.facts.scopes[0].predicates;
  REQUIRE(predicates.size() == 2);
  CHECK(predicates[0].column.column == "author_id");
  CHECK_FALSE(by_author.predicate_is_constant(0, 0));
  CHECK(by_author.predicate_is_constant(0, 1));  // published
}

TEST_CASE("CTE names, catalogs and output aliases are not tables or columns", "[sql]") {
  QueryFacts facts = extract_query_facts(parse_sql(
      "WITH recent AS (SELECT id, created FROM blog_post WHERE published) "
      "SELECT r.id, r.created AS stamp FROM recent r JOIN archive.old o ON o.id = r.id "
      "JOIN pg_catalog.pg_class c ON c.oid = o.id "
      "WHERE r.created > '2024-01-01' ORDER BY stamp DESC LIMIT 99999999999999999999"));
  REQUIRE(facts.scopes.size() == 2);
  CHECK(facts.table_names() == std::vector<std::string>{"archive.old", "blog_post"});
  const QueryScope& outer = facts.scopes[0];
  REQUIRE(outer.predicates.size() == 1);
  CHECK(outer.predicates[0].column.table.empty());  // a column of the CTE
  CHECK(outer.order_by.empty());                     // "stamp" is an output alias
  CHECK_FALSE(outer.limit);                          // out of range: unset, not a crash
  const QueryScope& cte = facts.scopes[1];
  REQUIRE(cte.predicates.size() == 1);
  CHECK(cte.predicates[0].column == ColumnName{"blog_post", "published"});
}

TEST_CASE("schema-qualified and quoted tables keep their schema", "[sql]") {
  QueryFacts facts = extract_query_facts(parse_sql(
      "SELECT oi.\"Quantity\" FROM \"Sales\".\"Order Items\" oi JOIN public.blog_post p ON p.id = oi.post_id "
      "WHERE oi.\"Status\" = 'open' AND \"Sales\".\"Order Items\".qty > 3 AND p.published"));
  CHECK(facts.table_names() == std::vector<std::string>{"Sales.Order Items", "blog_post"});
  const QueryScope& scope = facts.scopes[0];
  REQUIRE(scope.tables.size() == 2);
  CHECK(scope.tables[0].schema == "Sales");
  CHECK(scope.tables[0].name == "Order Items");
  CHECK(scope.tables[1].schema.empty());  // public is the default schema
  REQUIRE(scope.predicates.size() == 3);
  CHECK(scope.predicates[0].column == ColumnName{"Sales.Order Items", "Status"});
  CHECK(scope.predicates[1].column == ColumnName{"Sales.Order Items", "qty"});
  CHECK(scope.predicates[2].column == ColumnName{"blog_post", "published"});
}

TEST_CASE("an UPDATE records its SET columns", "[sql]") {
  QueryFacts update = extract_query_facts(parse_sql("UPDATE todos_todo SET priority = priority + 1, title = 'x' WHERE id = 5"));
  CHECK(update.updated_columns == std::vector<std::string>{"priority", "title"});
  CHECK(extract_query_facts(parse_sql("DELETE FROM todos_todo WHERE id = 5")).updated_columns.empty());
  CHECK(extract_query_facts(parse_sql("SELECT 1")).updated_columns.empty());
}
