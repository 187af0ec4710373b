// The shape key of the fingerprint cache: literal contents masked, nothing else; and, on every
// statement of the captured logs, equal keys always mean equal fingerprints.
#include <catch2/catch.hpp>

#include <map>

#include "plans/log/log_file.hpp"
#include "plans/sql/pg_query_api.hpp"
#include "plans/workload/statement_shape.hpp"
#include "tests/support/fixture_log.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

TEST_CASE("literal contents are masked and their places recorded", "[workload]") {
  std::string sql = "SELECT \"t1\".x FROM t1 WHERE a = 42 AND b = 'it''s' AND c >= -1.5e3 AND d = $1 LIMIT 20";
  StatementShape shape = shape_of_statement(sql);
  REQUIRE(shape.cacheable);
  CHECK(shape.key == "SELECT \"t1\".x FROM t1 WHERE a = ? AND b = '?' AND c >= -? AND d = $1 LIMIT ?");
  REQUIRE(shape.literals.size() == 4);
  CHECK(sql.substr(shape.literals[0].offset, shape.literals[0].length) == "42");
  CHECK(sql.substr(shape.literals[1].offset, shape.literals[1].length) == "'it''s'");
  CHECK(sql.substr(shape.literals[2].offset, shape.literals[2].length) == "1.5e3");
  CHECK(sql.substr(shape.literals[3].offset, shape.literals[3].length) == "20");
  CHECK(shape_of_statement("SELECT * FROM t WHERE id = 7").key == shape_of_statement("SELECT * FROM t WHERE id = 123456").key);
  CHECK(shape_of_statement("SELECT * FROM t2").key != shape_of_statement("SELECT * FROM t3").key);
}

TEST_CASE("text the scan cannot read with certainty is not cached", "[workload]") {
  CHECK_FALSE(shape_of_statement("SELECT 1 -- comment").cacheable);
  CHECK_FALSE(shape_of_statement("SELECT /* c */ 1").cacheable);
  CHECK_FALSE(shape_of_statement("SELECT $$x$$").cacheable);
  CHECK_FALSE(shape_of_statement("SELECT $tag$x$tag$").cacheable);
  CHECK_FALSE(shape_of_statement("SELECT E'\\n'").cacheable);
  CHECK_FALSE(shape_of_statement("SELECT 'unterminated").cacheable);
  CHECK(shape_of_statement("SELECT '--not a comment'").cacheable);
}

TEST_CASE("on every captured statement, equal shapes have equal fingerprints", "[workload]") {
  std::map<std::string, std::string> fingerprint_of_shape;
  size_t statements = 0, shared = 0;
  for (const char* log : {"blog/logs/django.log", "blog/logs/postgresql.log", "blog/logs/pgbench_extended.log",
                          "logs/pgbadger/stmt_type.log", "logs/pgbadger/multiline_param.log"}) {
    LogSink sink{[&](Statement&& statement) {
                   StatementShape shape = shape_of_statement(statement.sql);
                   if (!shape.cacheable) return;
                   ++statements;
                   std::string fingerprint = fingerprint_sql(statement.sql);
                   auto [it, inserted] = fingerprint_of_shape.emplace(shape.key, fingerprint);
                   if (!inserted) {
                     ++shared;
                     CHECK(it->second == fingerprint);
                   }
                 },
                 [](Diagnostic&&) {}};
    read_log_file(fixture_path(log), LogFormat::Auto, sink);
  }
  CHECK(statements > 300);
  CHECK(shared > 250);
}

TEST_CASE("the cache parses each shape once and still tracks varying constants", "[workload]") {
  Workload workload = fixture_workload("blog/logs/django.log");
  const auto& counters = workload.counters();
  CHECK(counters.statements == 84);
  CHECK(counters.parses + counters.shape_hits == counters.statements);
  CHECK(counters.shape_hits > 50);  // the N+1 loop, the list pages, the save() loop
  const QueryTemplate& n_plus_one = template_containing(workload, "FROM \"blog_author\" WHERE \"blog_author\".\"id\" = ");
  CHECK(n_plus_one.calls == 20);
  CHECK_FALSE(n_plus_one.predicate_is_constant(0, 0));
}
