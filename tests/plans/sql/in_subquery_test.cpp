#include <catch2/catch.hpp>

#include "plans/sql/in_subquery.hpp"
#include "plans/sql/parse_tree_walk.hpp"
#include "plans/sql/pg_query_api.hpp"
#include "tests/support/fixture_log.hpp"

using namespace pgadvisor;

namespace {

// The Django statements of fixtures/blog/logs/django.log, as captured and as normalized.
struct DjangoStatements {
  std::string exclude_in;      // NOT (id IN (...)) AND priority >= 9 LIMIT 50
  std::string exclude_in_normalized;
  std::string filter_in;       // id IN (... JOIN ... WHERE status = 'banned') AND NOT is_completed
  std::string filter_in_normalized;
};

const DjangoStatements& django() {
  static const DjangoStatements statements = [] {
    Workload workload = testing::fixture_workload("blog/logs/django.log");
    const QueryTemplate& exclude = testing::template_containing(
        workload, "IN (SELECT U0.\"todo_id\" FROM \"todos_todoassignee\" U0 WHERE U0.\"is_completed\")");
    const QueryTemplate& filter = testing::template_containing(workload, "U1.\"status\" = 'banned'");
    return DjangoStatements{exclude.sample.sql, exclude.normalized_sql, filter.sample.sql, filter.normalized_sql};
  }();
  return statements;
}

std::string step_sql(const std::optional<RewrittenStatement>& step, const std::string& why_not) {
  INFO(why_not);
  REQUIRE(step);
  CHECK(parse_sql(step->sql).ok());
  return step->sql;
}

std::vector<std::string> string_constants(const std::string& sql) {
  std::vector<std::string> found;
  walk_parse_tree(parse_sql(sql).tree, [&](const std::string& type, const nlohmann::json& body) {
    if (type == "A_Const" && body.contains("sval")) found.push_back(body["sval"].value("sval", ""));
  });
  return found;
}

const char* columns = "todos_todo.id, todos_todo.title, todos_todo.is_completed, todos_todo.priority, "
                      "todos_todo.created, todos_todo.modified";

}  // namespace

TEST_CASE("Django's exclude(id__in=...) is a NOT IN that can be materialized", "[sql][rewrite]") {
  const std::string& sql = django().exclude_in;
  auto found = find_in_subqueries(sql);
  REQUIRE(found.size() == 1);
  CHECK(found[0].index == 0);
  CHECK(found[0].negated);
  CHECK(found[0].outer_expression == "todos_todo.id");
  CHECK(found[0].subquery_sql == "SELECT u0.todo_id FROM todos_todoassignee u0 WHERE u0.is_completed");
  CHECK(found[0].not_rewritable.empty());
  CHECK(found[0].constrainable);
  CHECK(found[0].outer_has_limit_without_order);

  std::string why_not;
  auto step1 = materialize_step(sql, 0, false, why_not);
  CHECK(step_sql(step1, why_not) == "SELECT DISTINCT u0.todo_id FROM todos_todoassignee u0 WHERE u0.is_completed");
  CHECK(step1->params.empty());

  auto constrained = materialize_step(sql, 0, true, why_not);
  CHECK(step_sql(constrained, why_not) ==
        "SELECT DISTINCT u0.todo_id FROM todos_todoassignee u0 WHERE u0.is_completed AND u0.todo_id IN "
        "(SELECT todos_todo.id FROM todos_todo WHERE todos_todo.priority >= 9) IS NOT FALSE");

  auto step2 = array_step(sql, 0, "bigint", why_not);
  CHECK(step_sql(step2, why_not) == std::string("SELECT ") + columns +
                                        " FROM todos_todo WHERE NOT todos_todo.id = ANY($1::bigint[]) AND "
                                        "todos_todo.priority >= 9 LIMIT 50");
  CHECK(step2->params.empty());

  auto inline_step = inline_list_step(sql, 0, {std::string("1"), std::string("2")}, "bigint", why_not);
  CHECK(step_sql(inline_step, why_not) == std::string("SELECT ") + columns +
                                              " FROM todos_todo WHERE NOT todos_todo.id IN ('1'::bigint, "
                                              "'2'::bigint) AND todos_todo.priority >= 9 LIMIT 50");

  CHECK(without_limit(sql) == std::string("SELECT ") + columns +
                                  " FROM todos_todo WHERE NOT todos_todo.id IN (SELECT u0.todo_id FROM "
                                  "todos_todoassignee u0 WHERE u0.is_completed) AND todos_todo.priority >= 9");
}

TEST_CASE("a NOT IN becomes NOT EXISTS over the same subquery, wrapped so no name is captured", "[sql][rewrite]") {
  std::string why_not;
  auto exists = exists_step(django().exclude_in, 0, why_not);
  CHECK(step_sql(exists, why_not) ==
        std::string("SELECT ") + columns +
            " FROM todos_todo WHERE NOT EXISTS (SELECT 1 FROM (SELECT u0.todo_id FROM todos_todoassignee u0 WHERE "
            "u0.is_completed) pgadvisor_in(pgadvisor_value) WHERE pgadvisor_in.pgadvisor_value = todos_todo.id) AND "
            "todos_todo.priority >= 9 LIMIT 50");
  // <> ALL is itself the NOT IN: the EXISTS gets the NOT; parameters keep their numbers
  auto all = exists_step("SELECT a FROM t WHERE b = $1 AND a <> ALL (SELECT x FROM u WHERE y = $2)", 0, why_not);
  CHECK(step_sql(all, why_not) ==
        "SELECT a FROM t WHERE b = $1 AND NOT EXISTS (SELECT 1 FROM (SELECT x FROM u WHERE y = $2) "
        "pgadvisor_in(pgadvisor_value) WHERE pgadvisor_in.pgadvisor_value = a)");
  CHECK(all->params == std::vector<int>{1, 2});
  // a correlated subquery is refused, as for the id list
  CHECK_FALSE(exists_step("SELECT a FROM t WHERE a NOT IN (SELECT x FROM u WHERE u.y = t.b)", 0, why_not));
}

TEST_CASE("the normalized Django statements keep their parameters apart", "[sql][rewrite]") {
  std::string why_not;
  const std::string& exclude = django().exclude_in_normalized;  // priority >= $1 ... LIMIT $2
  auto constrained = materialize_step(exclude, 0, true, why_not);
  CHECK(step_sql(constrained, why_not) ==
        "SELECT DISTINCT u0.todo_id FROM todos_todoassignee u0 WHERE u0.is_completed AND u0.todo_id IN "
        "(SELECT todos_todo.id FROM todos_todo WHERE todos_todo.priority >= $1) IS NOT FALSE");
  CHECK(constrained->params == std::vector<int>{1});
  auto step2 = array_step(exclude, 0, "bigint", why_not);
  CHECK(step_sql(step2, why_not).find("NOT todos_todo.id = ANY($3::bigint[]) AND todos_todo.priority >= $1 LIMIT $2") !=
        std::string::npos);
  CHECK(step2->params == std::vector<int>{1, 2});
  auto unlimited = without_limit_step(exclude, why_not);
  REQUIRE(unlimited);
  CHECK(unlimited->params == std::vector<int>{1});
  CHECK(without_limit(exclude).find("LIMIT") == std::string::npos);

  const std::string& filter = django().filter_in_normalized;  // status = $1 in the subquery
  auto found = find_in_subqueries(filter);
  REQUIRE(found.size() == 1);
  CHECK_FALSE(found[0].negated);
  CHECK(found[0].constrainable);
  CHECK_FALSE(found[0].outer_has_limit_without_order);
  auto step1 = materialize_step(filter, 0, true, why_not);
  CHECK(step_sql(step1, why_not) ==
        "SELECT DISTINCT u0.todo_id FROM todos_todoassignee u0 JOIN users_user u1 ON u0.user_id = u1.id "
        "WHERE u1.status = $1 AND u0.todo_id IN (SELECT todos_todo.id FROM todos_todo WHERE NOT "
        "todos_todo.is_completed)");
  CHECK(step1->params == std::vector<int>{1});
  step2 = array_step(filter, 0, "bigint", why_not);
  CHECK(step_sql(step2, why_not) == std::string("SELECT ") + columns +
                                        " FROM todos_todo WHERE todos_todo.id = ANY($1::bigint[]) AND NOT "
                                        "todos_todo.is_completed");
  CHECK(step2->params.empty());
  CHECK(without_limit(filter) == filter);
}

TEST_CASE("IN, NOT IN, = ANY and <> ALL are IN-subqueries, other comparisons are not", "[sql][rewrite]") {
  auto found = find_in_subqueries(
      "SELECT * FROM t WHERE a NOT IN (SELECT x FROM y) AND b = ANY (SELECT x FROM y WHERE x > 3) "
      "AND c <> ALL (SELECT q FROM r) AND d < ANY (SELECT 1) AND EXISTS (SELECT 1 FROM y) AND e IN (SELECT q FROM r)");
  REQUIRE(found.size() == 4);
  CHECK(found[0].negated);
  CHECK(found[0].outer_expression == "a");
  CHECK_FALSE(found[1].negated);
  CHECK(found[1].subquery_sql == "SELECT x FROM y WHERE x > 3");
  CHECK(found[2].negated);
  CHECK(found[2].outer_expression == "c");
  CHECK_FALSE(found[3].negated);
  CHECK(found[3].outer_expression == "e");
  for (const auto& item : found) CHECK(item.constrainable);

  std::string why_not;
  // <> ALL becomes NOT (= ANY), NOT IN with an inline list
  auto all = array_step("SELECT * FROM t WHERE c <> ALL (SELECT q FROM r)", 0, "integer", why_not);
  CHECK(step_sql(all, why_not) == "SELECT * FROM t WHERE NOT c = ANY($1::int[])");
  auto listed = inline_list_step("SELECT * FROM t WHERE c <> ALL (SELECT q FROM r)", 0, {std::string("5")}, "integer",
                                 why_not);
  CHECK(step_sql(listed, why_not) == "SELECT * FROM t WHERE c NOT IN ('5'::int)");
  // NOT (x <> ALL ...) is an IN
  auto twice = find_in_subqueries("SELECT * FROM t WHERE NOT (c <> ALL (SELECT q FROM r)) AND e = 1");
  REQUIRE(twice.size() == 1);
  CHECK_FALSE(twice[0].negated);
  // only WHERE clauses are looked at
  CHECK(find_in_subqueries("SELECT a IN (SELECT x FROM y) FROM t").empty());
  CHECK(find_in_subqueries("SELECT * FROM t JOIN s ON s.a IN (SELECT x FROM y)").empty());
  CHECK(find_in_subqueries("SELEC * FROM t WHERE a IN (SELECT x FROM y)").empty());
}

TEST_CASE("a subquery inside a subquery is found after it and rewritten in place", "[sql][rewrite]") {
  const std::string sql =
      "SELECT * FROM t WHERE a IN (SELECT x FROM y WHERE y.z IN (SELECT w FROM v WHERE v.k = $1)) AND t.b = $2";
  auto found = find_in_subqueries(sql);
  REQUIRE(found.size() == 2);
  CHECK(found[0].outer_expression == "a");
  CHECK(found[1].outer_expression == "y.z");
  CHECK(found[1].subquery_sql == "SELECT w FROM v WHERE v.k = $1");
  CHECK(found[0].constrainable);
  CHECK_FALSE(found[1].constrainable);  // the level of the inner one has no other predicate

  std::string why_not;
  auto outer1 = materialize_step(sql, 0, true, why_not);
  CHECK(step_sql(outer1, why_not) == "SELECT DISTINCT x FROM y WHERE y.z IN (SELECT w FROM v WHERE v.k = $1) AND x "
                                     "IN (SELECT a FROM t WHERE t.b = $2)");
  CHECK(outer1->params == std::vector<int>{1, 2});
  auto inner1 = materialize_step(sql, 1, false, why_not);
  CHECK(step_sql(inner1, why_not) == "SELECT DISTINCT w FROM v WHERE v.k = $1");
  CHECK(inner1->params == std::vector<int>{1});
  CHECK_FALSE(materialize_step(sql, 1, true, why_not));
  auto inner2 = array_step(sql, 1, "text", why_not);
  CHECK(step_sql(inner2, why_not) == "SELECT * FROM t WHERE a IN (SELECT x FROM y WHERE y.z = ANY($2::text[])) AND "
                                     "t.b = $1");
  CHECK(inner2->params == std::vector<int>{2});
  CHECK_FALSE(materialize_step(sql, 2, false, why_not));
}

TEST_CASE("what cannot be materialized alone is said why", "[sql][rewrite]") {
  auto reason = [](const std::string& sql) {
    auto found = find_in_subqueries(sql);
    REQUIRE_FALSE(found.empty());
    std::string why_not;
    CHECK(array_step(sql, 0, "int", why_not).has_value() == found[0].not_rewritable.empty());
    if (!found[0].not_rewritable.empty()) CHECK(why_not == found[0].not_rewritable);
    return found[0].not_rewritable;
  };
  CHECK(reason("SELECT * FROM t WHERE t.a IN (SELECT b FROM u WHERE u.c = t.d)").find("correlated") == 0);
  CHECK(reason("SELECT * FROM t x WHERE x.a IN (SELECT b FROM u WHERE c IN (SELECT d FROM v WHERE v.e = x.f))")
            .find("correlated") == 0);
  CHECK(reason("SELECT * FROM t WHERE (a, b) IN (SELECT x, y FROM u)") == "a row comparison");
  CHECK(reason("SELECT * FROM t WHERE a IN (SELECT x, y FROM u)") == "the subquery has more than one output column");
  CHECK(reason("SELECT * FROM t WHERE a IN (SELECT * FROM u)") == "the subquery's output is *");
  CHECK(reason("UPDATE t SET a = 1 WHERE b IN (SELECT x FROM y)") == "the statement is not a SELECT");
  CHECK(reason("WITH c AS (SELECT 1 AS x) SELECT * FROM t WHERE a IN (SELECT x FROM c)") ==
        "the subquery reads a WITH query of the statement");
  // a reference to its own tables, or to an unqualified column, is not a correlation
  CHECK(reason("SELECT * FROM t WHERE a IN (SELECT u.b FROM u JOIN w ON w.id = u.w WHERE c = d)").empty());
}

TEST_CASE("LIMIT, aggregates and set operations are materialized but not constrained", "[sql][rewrite]") {
  std::string why_not;
  auto wrapped = [&](const std::string& sql, const std::string& step1) {
    auto found = find_in_subqueries(sql);
    REQUIRE(found.size() == 1);
    CHECK(found[0].not_rewritable.empty());
    CHECK_FALSE(found[0].constrainable);
    CHECK_FALSE(materialize_step(sql, 0, true, why_not));
    CHECK(step_sql(materialize_step(sql, 0, false, why_not), why_not) == step1);
    CHECK(step_sql(array_step(sql, 0, "int", why_not), why_not) == "SELECT * FROM t WHERE a = ANY($1::int[]) AND b = 1");
  };
  wrapped("SELECT * FROM t WHERE a IN (SELECT x FROM u ORDER BY y LIMIT 10) AND b = 1",
          "SELECT DISTINCT s.v FROM (SELECT x FROM u ORDER BY y LIMIT 10) s(v)");
  wrapped("SELECT * FROM t WHERE a IN (SELECT max(x) FROM u GROUP BY y) AND b = 1",
          "SELECT DISTINCT s.v FROM (SELECT max(x) FROM u GROUP BY y) s(v)");
  wrapped("SELECT * FROM t WHERE a IN (SELECT x FROM u UNION SELECT y FROM v) AND b = 1",
          "SELECT DISTINCT s.v FROM (SELECT x FROM u UNION SELECT y FROM v) s(v)");
  wrapped("SELECT * FROM t WHERE a IN (SELECT DISTINCT ON (y) x FROM u) AND b = 1",
          "SELECT DISTINCT s.v FROM (SELECT DISTINCT ON (y) x FROM u) s(v)");

  // the outer level must read one table and test the subquery as one of its AND-ed predicates
  auto not_constrainable = [&](const std::string& sql) {
    auto found = find_in_subqueries(sql);
    REQUIRE(found.size() == 1);
    CHECK(found[0].not_rewritable.empty());
    CHECK_FALSE(found[0].constrainable);
  };
  not_constrainable("SELECT * FROM t JOIN s ON s.id = t.sid WHERE a IN (SELECT x FROM u) AND b = 1");
  not_constrainable("SELECT * FROM t WHERE a IN (SELECT x FROM u) OR b = 1");
  not_constrainable("SELECT * FROM t WHERE a IN (SELECT x FROM u)");  // nothing to push
  not_constrainable("SELECT * FROM t WHERE EXISTS (SELECT 1 FROM s WHERE s.x = t.x AND s.y IN (SELECT z FROM u))");

  // an ORDER BY without LIMIT is dropped from the plain form
  auto ordered = materialize_step("SELECT * FROM t WHERE a IN (SELECT x FROM u ORDER BY y) AND b = 1", 0, true, why_not);
  CHECK(step_sql(ordered, why_not) == "SELECT DISTINCT x FROM u WHERE x IN (SELECT a FROM t WHERE b = 1)");
}

TEST_CASE("parameters are renumbered densely for each step", "[sql][rewrite]") {
  const std::string sql = "SELECT * FROM t WHERE a = $1 AND b IN (SELECT x FROM y WHERE z = $2)";
  std::string why_not;
  auto step1 = materialize_step(sql, 0, false, why_not);
  CHECK(step_sql(step1, why_not) == "SELECT DISTINCT x FROM y WHERE z = $1");
  CHECK(step1->params == std::vector<int>{2});
  auto constrained = materialize_step(sql, 0, true, why_not);
  CHECK(step_sql(constrained, why_not) == "SELECT DISTINCT x FROM y WHERE z = $1 AND x IN (SELECT b FROM t WHERE a = $2)");
  CHECK(constrained->params == std::vector<int>{2, 1});
  auto step2 = array_step(sql, 0, "int", why_not);
  CHECK(step_sql(step2, why_not) == "SELECT * FROM t WHERE a = $1 AND b = ANY($2::int[])");
  CHECK(step2->params == std::vector<int>{1});

  auto repeated = array_step("SELECT * FROM t WHERE c = $3 AND a IN (SELECT x FROM y WHERE z = $1) AND d = $3 LIMIT $2",
                             0, "int", why_not);
  CHECK(step_sql(repeated, why_not) == "SELECT * FROM t WHERE c = $1 AND a = ANY($3::int[]) AND d = $1 LIMIT $2");
  CHECK(repeated->params == std::vector<int>{3, 2});
}

TEST_CASE("inline list values are string constants, whatever they hold", "[sql][rewrite]") {
  const std::string sql = "SELECT * FROM t WHERE NOT (name IN (SELECT n FROM u))";
  const std::string hostile = "it's \"quoted\" \\ '); DROP TABLE t; --";
  std::string why_not;
  auto step = inline_list_step(sql, 0, {hostile, std::nullopt, std::string("")}, "character varying(20)", why_not);
  std::string text = step_sql(step, why_not);
  CHECK(text.rfind("SELECT * FROM t WHERE NOT name IN (", 0) == 0);
  CHECK(text.find("NULL::varchar(20)") != std::string::npos);
  CHECK(string_constants(text) == std::vector<std::string>{hostile, ""});
  CHECK(parse_sql(text).statements().size() == 1);

  CHECK_FALSE(inline_list_step(sql, 0, {}, "text", why_not));
  auto typed = inline_list_step(sql, 0, {std::string("2024-01-01 00:00:00+00")}, "timestamp with time zone", why_not);
  CHECK(step_sql(typed, why_not) ==
        "SELECT * FROM t WHERE NOT name IN ('2024-01-01 00:00:00+00'::timestamp with time zone)");
}

TEST_CASE("an element type that is not one type name is refused", "[sql][rewrite]") {
  const std::string sql = "SELECT * FROM t WHERE a IN (SELECT x FROM u)";
  std::string why_not;
  for (const std::string& type : {std::string("bigint[]) OR true OR (1 = ANY('{}'::int[]"),
                                  std::string("int; DROP TABLE t"), std::string("numeric((SELECT 1))"),
                                  std::string("int) OR (true"), std::string("text COLLATE \"C\""),
                                  std::string(""), std::string("int, 'x'::int")}) {
    INFO(type);
    CHECK_FALSE(array_step(sql, 0, type, why_not));
    CHECK(why_not.find("not a type name") == 0);
    CHECK_FALSE(inline_list_step(sql, 0, {std::string("1")}, type, why_not));
  }
  for (const std::string& type : {std::string("bigint"), std::string("character varying(20)"), std::string("\"char\""),
                                  std::string("public.my_enum"), std::string("integer[]"), std::string("numeric(10,2)"),
                                  std::string("timestamp(3) with time zone")}) {
    INFO(type);
    CHECK(array_step(sql, 0, type, why_not));
    CHECK(inline_list_step(sql, 0, {std::string("1")}, type, why_not));
  }
}

TEST_CASE("a deparser slip is refused rather than written", "[sql][rewrite]") {
  // libpg_query 15-4.0 writes (a AT TIME ZONE 'UTC')::date without its parentheses
  const std::string sql = "SELECT * FROM t WHERE (a AT TIME ZONE 'UTC')::date = '2020-01-01' AND b IN (SELECT x FROM u)";
  std::string why_not;
  auto step = array_step(sql, 0, "int", why_not);
  if (!step) CHECK(why_not.find("deparser") != std::string::npos);
  else CHECK(step->sql.find("(a AT TIME ZONE 'UTC')::date") != std::string::npos);
  CHECK(materialize_step(sql, 0, false, why_not));  // the subquery alone is fine
}
