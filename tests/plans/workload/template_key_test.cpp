// Templates are keyed by the real relations (issue 16): libpg_query's fingerprint folds digits
// in relation names and the name of a temporary table created, so the key adds those names.
// Statements that differ only in constants stay one template, with the plain fingerprint when no
// such name is involved (reports and baselines keep their keys).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "plans/sql/pg_query_api.hpp"
#include "plans/workload/template_key.hpp"
#include "plans/workload/workload.hpp"

using namespace pgadvisor;

namespace {

Workload workload_of(const std::vector<std::string>& statements) {
  Workload workload;
  int line = 0;
  for (const std::string& sql : statements) {
    Statement statement;
    statement.sql = sql;
    statement.source = "t.log";
    statement.line = ++line;
    statement.duration_ms = 1;
    workload.add(statement);
  }
  return workload;
}

std::vector<std::string> keys_of(const Workload& workload) {
  std::vector<std::string> keys;
  for (const QueryTemplate& tmpl : workload.templates()) keys.push_back(tmpl.fingerprint);
  return keys;
}

}  // namespace

TEST_CASE("template key: orders_2024 and orders_2025 are two templates", "[workload][templates]") {
  // The fingerprint alone cannot tell them apart.
  const std::string fingerprint = fingerprint_sql("SELECT * FROM orders_2024 WHERE id = 1");
  REQUIRE(fingerprint == fingerprint_sql("SELECT * FROM orders_2025 WHERE id = 2"));
  const Workload workload = workload_of({"SELECT * FROM orders_2024 WHERE id = 1",
                                         "SELECT * FROM orders_2025 WHERE id = 2",
                                         "SELECT * FROM orders_2024 WHERE id = 3"});
  CHECK(keys_of(workload) ==
        std::vector<std::string>{fingerprint + ":orders_2024", fingerprint + ":orders_2025"});
  REQUIRE(workload.templates().size() == 2);
  CHECK(workload.templates()[0].calls == 2);
  CHECK(workload.templates()[1].calls == 1);
  CHECK(workload.templates()[1].sample.sql == "SELECT * FROM orders_2025 WHERE id = 2");
}

TEST_CASE("template key: constants alone make one template, keyed by the plain fingerprint",
          "[workload][templates]") {
  const Workload workload = workload_of({"SELECT * FROM orders WHERE id = 1",
                                         "SELECT * FROM orders WHERE id = 2",
                                         "select * from orders where id = 3"});
  CHECK(keys_of(workload) ==
        std::vector<std::string>{fingerprint_sql("SELECT * FROM orders WHERE id = 1")});
  CHECK(workload.templates()[0].calls == 3);
}

TEST_CASE("template key: ft11 and ft21, temporary tables, schemas", "[workload][templates]") {
  CHECK(workload_of({"SELECT a FROM ft11 WHERE b = 1", "SELECT a FROM ft21 WHERE b = 1"})
            .templates()
            .size() == 2);
  CHECK(workload_of({"CREATE TEMP TABLE a (x int)", "CREATE TEMP TABLE b (x int)"})
            .templates()
            .size() == 2);
  const Workload joined = workload_of(
      {"SELECT * FROM sales.orders_2024 o JOIN \"Customers_1\" c ON c.id = o.customer_id",
       "SELECT * FROM sales.orders_2024 o JOIN \"Customers_1\" c ON c.id = o.customer_id"});
  REQUIRE(joined.templates().size() == 1);
  const std::string& key = joined.templates()[0].fingerprint;
  CHECK(key.substr(key.find(':')) == ":\"Customers_1\",sales.orders_2024");
  // What the fingerprint keeps whole stays one key each: the schema, an aliased relation.
  CHECK(workload_of({"SELECT * FROM a.t WHERE x = 1", "SELECT * FROM b.t WHERE x = 1"})
            .templates()
            .size() == 2);
  CHECK(workload_of({"SELECT * FROM t x WHERE y = 1", "SELECT * FROM u x WHERE y = 1"})
            .templates()
            .size() == 2);
}

TEST_CASE("template key: a statement that does not parse has none", "[workload][templates]") {
  CHECK(template_key(parse_sql("SELEC 1")).empty());
}

TEST_CASE("template key: the target of INSERT, UPDATE and DDL counts too",
          "[workload][templates]") {
  CHECK(workload_of({"INSERT INTO orders_2024 (id) VALUES (1)",
                     "INSERT INTO orders_2025 (id) VALUES (1)"})
            .templates()
            .size() == 2);
  CHECK(workload_of({"UPDATE orders_2024 SET total = 1 WHERE id = 2",
                     "UPDATE orders_2025 SET total = 1 WHERE id = 2"})
            .templates()
            .size() == 2);
  CHECK(workload_of({"CREATE INDEX ON orders_2024 (id)", "CREATE INDEX ON orders_2025 (id)"})
            .templates()
            .size() == 2);
}
