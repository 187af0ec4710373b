// The advisor on small workloads, one case each, against fixtures/advisor_cases/schema.sql loaded
// once into a scratch database: which index the audit proposes (table, columns, directions,
// WHERE, INCLUDE, DDL) and when it proposes none. Each workload is a plain SQL file of literals
// (a plain SQL file carries no bind parameters; the Django log fixtures have them).
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

const std::string& cases_dsn() {
  static const std::string dsn =
      scratch_database("pgadvisor_advisor_cases", read_text_file(fixture_path("advisor_cases/schema.sql")));
  return dsn;
}

json audit(const std::string& name, const std::string& sql) {
  const TempDir dir("case");
  const std::string path = dir.file(name + ".sql");
  std::ofstream(path) << sql << "\n";
  CommandResult result = run_pgadvisor("audit --db " + shell_quote(cases_dsn()) + " --log " + shell_quote(path) +
                                       " --format json --runs 1 -q");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out);
}

std::string column_names(const json& index) {
  std::string names;
  for (const auto& column : index["columns"])
    names += (names.empty() ? "" : ", ") + column["name"].get<std::string>() +
             (column["descending"].get<bool>() ? " DESC" : "");
  return names;
}

std::string proposals(const json& report) {
  std::string text;
  for (const auto& index : report["indexes"]) text += index["ddl"].get<std::string>() + "\n";
  return text.empty() ? "(none)" : text;
}

// The proposed index on `table` whose leading columns are `columns` ("a, b DESC"); null if none.
json proposed(const json& report, const std::string& table, const std::string& columns) {
  for (const auto& index : report["indexes"])
    if (index["table"] == table && column_names(index).rfind(columns, 0) == 0) return index;
  return nullptr;
}

}  // namespace

TEST_CASE("advisor case: WHERE equality", "[pg][advisor]") {
  json report = audit("equality", "SELECT id, amount FROM orders WHERE customer_id = 4242;");
  INFO(proposals(report));
  CHECK(proposed(report, "orders", "customer_id") != nullptr);
}

TEST_CASE("advisor case: range", "[pg][advisor]") {
  json report = audit("range",
                      "SELECT id, amount FROM orders WHERE created_at >= '2024-03-01 00:00' AND created_at < '2024-03-01 02:00';");
  INFO(proposals(report));
  CHECK(proposed(report, "orders", "created_at") != nullptr);
}

TEST_CASE("advisor case: equality then range in one index", "[pg][advisor]") {
  json report = audit("equality_range",
                      "SELECT id, amount FROM orders WHERE status = 'new' "
                      "AND created_at >= '2024-02-01' AND created_at < '2024-02-11';");
  INFO(proposals(report));
  CHECK(proposed(report, "orders", "status, created_at") != nullptr);
}

TEST_CASE("advisor case: ORDER BY with LIMIT, ascending, descending and mixed", "[pg][advisor]") {
  json ascending = audit("order_asc", "SELECT id, amount FROM orders ORDER BY created_at LIMIT 10;");
  INFO(proposals(ascending));
  CHECK(proposed(ascending, "orders", "created_at") != nullptr);
  json descending = audit("order_desc", "SELECT id, amount FROM orders ORDER BY amount DESC LIMIT 10;");
  INFO(proposals(descending));
  CHECK(proposed(descending, "orders", "amount DESC") != nullptr);
  json mixed = audit("order_mixed", "SELECT id FROM orders ORDER BY customer_id DESC, created_at ASC LIMIT 10;");
  INFO(proposals(mixed));
  json index = proposed(mixed, "orders", "customer_id DESC, created_at");
  REQUIRE(index != nullptr);
  CHECK(index["ddl"].get<std::string>().find("(customer_id DESC, created_at") != std::string::npos);
}

TEST_CASE("advisor case: a join gets the filter and the joined column", "[pg][advisor]") {
  json report = audit("join",
                      "SELECT c.name, o.amount FROM customers c JOIN orders o ON o.customer_id = c.id "
                      "WHERE c.name = 'customer 77';");
  INFO(proposals(report));
  CHECK((proposed(report, "customers", "name") != nullptr || proposed(report, "orders", "customer_id") != nullptr));
  CHECK(proposed(report, "orders", "customer_id") != nullptr);
}

TEST_CASE("advisor case: UPDATE and DELETE with a WHERE", "[pg][advisor]") {
  json update = audit("update", "UPDATE orders SET amount = amount + 1 WHERE email = 'User777@Example.com';");
  INFO(proposals(update));
  CHECK(proposed(update, "orders", "email") != nullptr);
  json remove = audit("delete", "DELETE FROM orders WHERE customer_id = 4242;");
  INFO(proposals(remove));
  CHECK(proposed(remove, "orders", "customer_id") != nullptr);
}

TEST_CASE("advisor case: a view's index goes on its table", "[pg][advisor]") {
  json report = audit("view", "SELECT id, amount FROM open_orders WHERE customer_id = 4242;");
  INFO(proposals(report));
  CHECK(proposed(report, "orders", "customer_id") != nullptr);
  for (const auto& index : report["indexes"]) CHECK(index["table"] != "open_orders");
}

TEST_CASE("advisor case: a partitioned table gets a plain CREATE INDEX on the parent", "[pg][advisor]") {
  json report = audit("partitioned", "SELECT id, payload FROM events WHERE kind = 17;");
  INFO(proposals(report));
  json index = proposed(report, "events", "kind");
  REQUIRE(index != nullptr);
  CHECK(index["ddl"].get<std::string>().rfind("CREATE INDEX IF NOT EXISTS ", 0) == 0);
}

TEST_CASE("advisor case: a CTE's table", "[pg][advisor]") {
  json report = audit("cte",
                      "WITH mine AS (SELECT id, amount FROM orders WHERE customer_id = 4242) "
                      "SELECT sum(amount) FROM mine;");
  INFO(proposals(report));
  CHECK(proposed(report, "orders", "customer_id") != nullptr);
}

TEST_CASE("advisor case: quoted identifiers in another schema", "[pg][advisor]") {
  json report = audit("quoted", "SELECT \"Quantity\" FROM \"Sales\".\"Order Items\" WHERE \"Sku\" = 'SKU-00123';");
  INFO(proposals(report));
  json index = proposed(report, "Order Items", "Sku");
  REQUIRE(index != nullptr);
  CHECK(index["ddl"].get<std::string>().find("ON \"Sales\".\"Order Items\" (\"Sku\"") != std::string::npos);
}

TEST_CASE("advisor case: an expression predicate gets an expression index", "[pg][advisor]") {
  // Literals stand for the parameters a plain SQL file cannot carry.
  json report = audit("expression", "SELECT id FROM orders WHERE lower(email) = 'user4242@example.com';");
  INFO(proposals(report));
  json index = proposed(report, "orders", "lower(email)");
  REQUIRE(index != nullptr);
  CHECK(index["ddl"].get<std::string>().find("((lower(email)))") != std::string::npos);
}

TEST_CASE("advisor case: a partial index for a constant boolean filter", "[pg][advisor]") {
  json report = audit("partial",
                      "SELECT id, amount FROM orders WHERE NOT is_archived ORDER BY created_at DESC LIMIT 20;\n"
                      "SELECT id, amount FROM orders WHERE NOT is_archived ORDER BY created_at DESC LIMIT 20;");
  INFO(proposals(report));
  bool partial = false;
  for (const auto& index : report["indexes"]) partial = partial || index["where"] == "NOT is_archived";
  CHECK(partial);
}

TEST_CASE("advisor case: nothing for a tiny table or a cheap indexed lookup", "[pg][advisor]") {
  json tiny = audit("tiny", "SELECT code FROM countries WHERE name = 'Country FR';");
  INFO(proposals(tiny));
  CHECK(tiny["indexes"].empty());
  json indexed = audit("indexed", "SELECT amount FROM orders WHERE id = 4242;");
  INFO(proposals(indexed));
  CHECK(indexed["indexes"].empty());
}
