// pgadvisor_selection_bench on a small scratch schema of two tables: one JSON line per algorithm
// and budget (and per evaluated pgadvisor report), whose indexes never cost more than none and
// fit the budget; the database unchanged; a clear message when hypopg is missing.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

const char* kSchema = R"sql(
CREATE TABLE customers (id int PRIMARY KEY, region int NOT NULL, name text NOT NULL);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, status int NOT NULL, created_at date NOT NULL,
                     total numeric NOT NULL);
INSERT INTO customers SELECT i, i % 50, 'customer ' || i FROM generate_series(1, 5000) i;
INSERT INTO orders SELECT i, 1 + (i * 7919) % 5000, i % 9, date '2020-01-01' + (i % 1000), (i % 997) * 1.5
FROM generate_series(1, 60000) i;
ANALYZE;
)sql";

// Columns written with their table: the queries' facts resolve without the catalog.
const char* kQueries = R"sql(SELECT o.total FROM orders o WHERE o.customer_id = 42 AND o.status = 3;
SELECT c.name, o.created_at FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.region = 7 ORDER BY o.created_at;
SELECT count(*) FROM orders o WHERE o.created_at BETWEEN '2020-03-01' AND '2020-03-05';
SELECT c.id, c.name FROM customers c WHERE c.region = 12 ORDER BY c.name LIMIT 10;
)sql";

std::string write_file(const TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir.file(name)) << text;
  return dir.file(name);
}

std::vector<json> json_lines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  return lines;
}

}  // namespace

TEST_CASE("the selection bench prints Extend, relaxation and pgadvisor as relative cost", "[cli][reference][pg]") {
  const std::string dsn = scratch_database("pgadvisor_scratch_selection_bench", std::string(kSchema) + "CREATE EXTENSION hypopg;");
  const TempDir dir("selection-bench");
  const std::string log = write_file(dir, "queries.sql", kQueries);
  CommandResult audit = run_pgadvisor("audit -q --db " + shell_quote(dsn) + " --log " + shell_quote(log) +
                                      " --runs 1 --no-rewrites -o json:" + shell_quote(dir.file("report.json")));
  INFO(audit.err);
  REQUIRE(audit.exit_code == 0);
  Session session(dsn, {});
  std::vector<std::string> before = database_checksum(session);

  CommandResult bench = run_program(PGADVISOR_SELECTION_BENCH,
                                    "--db " + shell_quote(dsn) + " --log " + shell_quote(log) +
                                        " --budget 1 --budget 100000000 --evaluate " +
                                        shell_quote("pgadvisor@100000000=" + dir.file("report.json")));
  INFO(bench.err);
  INFO(bench.out);
  REQUIRE(bench.exit_code == 0);
  std::vector<json> lines = json_lines(bench.out);
  REQUIRE(lines.size() == 5);  // extend and relaxation at two budgets, then the report
  std::vector<std::string> algorithms;
  for (const auto& line : lines) {
    algorithms.push_back(line.at("algorithm"));
    double base = line.at("base_cost"), cost = line.at("cost"), relative = line.at("relative_cost");
    CHECK(base > 0);
    CHECK(relative == Approx(cost / base));
    CHECK(relative <= 1.0 + 1e-9);
    CHECK(line.at("indexes") == line.at("definitions").size());
    CHECK(line.at("whatif_calls").get<long long>() >= 0);
    CHECK(line.at("seconds").get<double>() >= 0);
    if (line["algorithm"] != "pgadvisor") CHECK(line.at("size_bytes") <= line.at("budget_bytes"));
  }
  CHECK(algorithms == std::vector<std::string>{"extend", "extend", "relaxation", "relaxation", "pgadvisor"});
  CHECK(lines[0]["indexes"] == 0);  // one byte fits no index
  CHECK(lines[0]["relative_cost"] == 1.0);
  CHECK(lines[1]["relative_cost"] < 0.5);  // orders filtered by customer, one week of orders, one region
  CHECK(lines[3]["relative_cost"] < 0.5);
  CHECK(lines[1]["whatif_calls"] > 0);
  CHECK(lines[4]["budget_bytes"] == 100000000);
  CHECK(lines[4]["indexes"] > 0);
  CHECK(database_checksum(session) == before);
}

TEST_CASE("the selection bench says so when hypopg is missing", "[cli][reference][pg]") {
  const std::string dsn = scratch_database("pgadvisor_scratch_selection_bench", kSchema);
  const TempDir dir("selection-bench");
  CommandResult bench = run_program(PGADVISOR_SELECTION_BENCH, "--db " + shell_quote(dsn) + " --log " +
                                                                   shell_quote(write_file(dir, "queries.sql", kQueries)) +
                                                                   " --budget 1000000");
  CHECK(bench.exit_code == 1);
  CHECK(bench.out.empty());
  CHECK(bench.err.find("pgadvisor_selection_bench: hypopg is not installed") != std::string::npos);
}
