// QueryFacts with the tables' column lists (TableColumns): unqualified columns of a query over
// several tables, correlated references of EXISTS and scalar subqueries, subqueries in FROM,
// UNION branches and GROUP BY keys. The statements are TPC-H's (clause 2.4), which write every
// column unqualified.
#include <catch2/catch.hpp>

#include <algorithm>

#include "plans/sql/query_facts.hpp"

using namespace pgadvisor;

namespace {

const TableColumns kTpch = {
    {"orders", {"o_orderkey", "o_custkey", "o_orderdate", "o_orderpriority", "o_comment"}},
    {"lineitem", {"l_orderkey", "l_partkey", "l_suppkey", "l_commitdate", "l_receiptdate", "l_shipdate", "l_quantity"}},
    {"customer", {"c_custkey", "c_name", "c_mktsegment"}},
    {"supplier", {"s_suppkey", "s_name"}},
};

bool has(const std::vector<ColumnName>& columns, const std::string& table, const std::string& column) {
  return std::find(columns.begin(), columns.end(), ColumnName{table, column}) != columns.end();
}

const char* kQ4 =
    "select o_orderpriority, count(*) as order_count from orders "
    "where o_orderdate >= date '1993-07-01' and o_orderdate < date '1993-07-01' + interval '3' month "
    "and exists (select * from lineitem where l_orderkey = o_orderkey and l_commitdate < l_receiptdate) "
    "group by o_orderpriority order by o_orderpriority";

}  // namespace

TEST_CASE("facts with column lists: EXISTS is a scope whose correlated equality is a join", "[sql][facts]") {
  QueryFacts facts = extract_query_facts(parse_sql(kQ4), &kTpch);
  REQUIRE(facts.scopes.size() == 2);
  CHECK(facts.scopes[0].predicates.size() == 2);
  CHECK(facts.scopes[0].predicates[0].column == ColumnName{"orders", "o_orderdate"});
  CHECK(has(facts.scopes[0].group_by, "orders", "o_orderpriority"));
  const QueryScope& exists = facts.scopes[1];
  CHECK(exists.parent == 0);
  CHECK(has(exists.join_columns, "lineitem", "l_orderkey"));
  CHECK(has(exists.join_columns, "orders", "o_orderkey"));
  CHECK(has(exists.referenced, "lineitem", "l_commitdate"));
  CHECK(facts.table_names() == std::vector<std::string>{"orders", "lineitem"});
}

TEST_CASE("facts without column lists leave an unqualified column of several tables unresolved", "[sql][facts]") {
  QueryFacts facts = extract_query_facts(parse_sql(
      "select c_name from customer, orders where c_custkey = o_custkey and o_orderdate < date '1995-03-15'"));
  REQUIRE(facts.scopes.size() == 1);
  CHECK(facts.scopes[0].join_columns.empty());
  REQUIRE(facts.scopes[0].predicates.size() == 1);
  CHECK(facts.scopes[0].predicates[0].column.table.empty());
  CHECK(facts.scopes[0].incomplete_tables.size() == 2);

  QueryFacts resolved = extract_query_facts(parse_sql(
      "select c_name from customer, orders where c_custkey = o_custkey and o_orderdate < date '1995-03-15'"), &kTpch);
  CHECK(has(resolved.scopes[0].join_columns, "customer", "c_custkey"));
  CHECK(has(resolved.scopes[0].join_columns, "orders", "o_custkey"));
  CHECK(resolved.scopes[0].predicates[0].column == ColumnName{"orders", "o_orderdate"});
  CHECK(resolved.scopes[0].incomplete_tables.empty());
  CHECK(has(resolved.scopes[0].referenced, "customer", "c_name"));
}

TEST_CASE("facts: a qualified reference to an enclosing query's alias resolves there", "[sql][facts]") {
  QueryFacts facts = extract_query_facts(parse_sql(
      "select s_name from supplier, lineitem l1 where s_suppkey = l1.l_suppkey and exists "
      "(select * from lineitem l2 where l2.l_orderkey = l1.l_orderkey and l2.l_suppkey <> l1.l_suppkey)"), &kTpch);
  REQUIRE(facts.scopes.size() == 2);
  CHECK(has(facts.scopes[0].join_columns, "lineitem", "l_suppkey"));
  CHECK(facts.scopes[1].parent == 0);
  CHECK(facts.scopes[1].tables.size() == 1);
}

TEST_CASE("facts: subqueries in FROM, in expressions and UNION branches are scopes", "[sql][facts]") {
  QueryFacts facts = extract_query_facts(parse_sql(
      "select c_count, count(*) from (select c_custkey, count(o_orderkey) from customer left outer join orders "
      "on c_custkey = o_custkey and o_comment not like '%special%requests%' group by c_custkey) as c_orders "
      "(c_custkey, c_count) group by c_count"), &kTpch);
  REQUIRE(facts.scopes.size() == 2);
  CHECK(facts.scopes[1].parent == 0);
  CHECK(has(facts.scopes[1].join_columns, "orders", "o_custkey"));
  CHECK(has(facts.scopes[1].group_by, "customer", "c_custkey"));

  QueryFacts scalar = extract_query_facts(parse_sql(
      "select o_orderkey from orders where o_custkey in (select c_custkey from customer) and o_orderdate = "
      "(select max(l_shipdate) from lineitem where l_orderkey = o_orderkey)"), &kTpch);
  REQUIRE(scalar.scopes.size() == 3);
  CHECK(scalar.scopes[0].subqueries.size() == 1);
  CHECK(has(scalar.scopes[2].join_columns, "lineitem", "l_orderkey"));

  QueryFacts both = extract_query_facts(parse_sql(
      "select o_orderkey from orders where o_orderdate > date '1995-01-01' union all "
      "select l_orderkey from lineitem where l_shipdate > date '1995-01-01'"), &kTpch);
  REQUIRE(both.scopes.size() == 2);
  CHECK(both.scopes[1].predicates.at(0).column == ColumnName{"lineitem", "l_shipdate"});
}

TEST_CASE("facts with column lists: a conjunct every OR branch has is the query's (TPC-H Q19's join)", "[sql][facts]") {
  const TableColumns columns = {
      {"lineitem", {"l_partkey", "l_quantity", "l_shipmode", "l_shipinstruct"}},
      {"part", {"p_partkey", "p_brand", "p_size"}},
  };
  // Q19's shape: the join and two filters are written in each branch, nowhere else.
  QueryFacts q19 = extract_query_facts(
      parse_sql("select count(*) from lineitem, part where "
                "(p_partkey = l_partkey and p_brand = 'Brand#12' and l_quantity >= 1 and l_shipinstruct = 'DELIVER IN PERSON') "
                "or (p_partkey = l_partkey and p_brand = 'Brand#23' and l_quantity >= 10 and l_shipinstruct = 'DELIVER IN PERSON') "
                "or (p_partkey = l_partkey and p_brand = 'Brand#34' and l_shipinstruct = 'DELIVER IN PERSON')"),
      &columns);
  REQUIRE(q19.scopes.size() == 1);
  const QueryScope& scope = q19.scopes[0];
  CHECK(has(scope.join_columns, "lineitem", "l_partkey"));
  CHECK(has(scope.join_columns, "part", "p_partkey"));
  // The filter all three branches share is a predicate, written three times; those that differ
  // (brand, quantity) are not predicates.
  REQUIRE(scope.predicates.size() == 1);
  CHECK(scope.predicates[0].column == ColumnName{"lineitem", "l_shipinstruct"});
  CHECK(scope.predicates[0].written == 3);

  // No conjunct in common (the second branch writes the join the other way round, which the
  // planner does not match either): nothing is taken from the OR.
  QueryFacts apart = extract_query_facts(
      parse_sql("select count(*) from lineitem, part where (p_partkey = l_partkey and p_brand = 'a') "
                "or (l_partkey = p_partkey and p_brand = 'b')"),
      &columns);
  REQUIRE(apart.scopes.size() == 1);
  CHECK(apart.scopes[0].join_columns.empty());
  CHECK(apart.scopes[0].predicates.empty());

  // A conjunct beside the OR is written once, the OR's common one twice; the shipmode filter of
  // the second branch's own OR is in one branch only, so it is no predicate of the query.
  QueryFacts nested = extract_query_facts(
      parse_sql("select count(*) from lineitem where l_quantity > 5 and ((l_shipinstruct = 'x' and l_partkey = 1) "
                "or (l_shipinstruct = 'x' and ((l_shipmode = 'AIR' and l_partkey = 2) or (l_shipmode = 'AIR' and l_partkey = 3))))"),
      &columns);
  REQUIRE(nested.scopes.size() == 1);
  REQUIRE(nested.scopes[0].predicates.size() == 2);
  CHECK(nested.scopes[0].predicates[0].column == ColumnName{"lineitem", "l_quantity"});
  CHECK(nested.scopes[0].predicates[0].written == 1);
  CHECK(nested.scopes[0].predicates[1].column == ColumnName{"lineitem", "l_shipinstruct"});
  CHECK(nested.scopes[0].predicates[1].written == 2);

  // An IN list with an item that is no constant: its values do not say what is compared.
  QueryFacts computed = extract_query_facts(
      parse_sql("select count(*) from lineitem where l_shipmode in ('AIR', lower('MAIL')) and l_shipinstruct in ('x', $1)"),
      &columns);
  REQUIRE(computed.scopes.at(0).predicates.size() == 2);
  CHECK(computed.scopes[0].predicates[0].computed_value);
  CHECK_FALSE(computed.scopes[0].predicates[1].computed_value);
}
