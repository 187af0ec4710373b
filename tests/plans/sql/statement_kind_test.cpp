#include <catch2/catch.hpp>

#include "plans/sql/statement_kind.hpp"

using namespace pgadvisor;

namespace {
StatementClass classify(const std::string& sql) { return classify_statement(parse_sql(sql)); }
}  // namespace

TEST_CASE("statements are classified from the parse tree", "[sql]") {
  CHECK(classify("SELECT 1").kind == StatementKind::Select);
  CHECK(classify("SELECT * FROM t FOR UPDATE").kind == StatementKind::SelectForUpdate);
  CHECK(classify("UPDATE t SET a = 1").kind == StatementKind::Update);
  CHECK(classify("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d").kind == StatementKind::Delete);
  CHECK(classify("SELECT * INTO copy FROM t").kind == StatementKind::Ddl);
  CHECK(classify("DROP TABLE t").kind == StatementKind::Ddl);
  CHECK(classify("TRUNCATE t").kind == StatementKind::Ddl);
  CHECK(classify("COPY t TO PROGRAM 'cat'").kind == StatementKind::Utility);
  CHECK(classify("BEGIN").kind == StatementKind::Transaction);
  CHECK(classify("SELECT 1; DROP TABLE x").kind == StatementKind::Multiple);
  CHECK(classify("SELEC 1").kind == StatementKind::Invalid);
  CHECK(classify("-- nothing").kind == StatementKind::Empty);
}

TEST_CASE("calls whose effects a rollback does not undo are named", "[sql]") {
  auto cls = classify("SELECT nextval('s'), lower(name) FROM t WHERE pg_catalog.pg_advisory_lock(1)");
  REQUIRE(cls.unsafe_functions.size() == 2);
  CHECK(cls.unsafe_functions[0] == "nextval");
  CHECK(cls.unsafe_functions[1] == "pg_advisory_lock");
  CHECK(classify("SELECT lower(name) FROM t").unsafe_functions.empty());
}
