// User functions and the hypopg CREATE EXTENSION path, on a scratch database without hypopg.
#include <catch2/catch.hpp>

#include "advisor/whatif/whatif.hpp"
#include "plans/pg/replay.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {
const char* kScratchSetup =
    "CREATE TABLE counter (n int); INSERT INTO counter VALUES (0);"
    "CREATE TABLE items AS SELECT g AS id, g % 100 AS kind FROM generate_series(1, 20000) g; ANALYZE items;"
    "CREATE FUNCTION bump() RETURNS int LANGUAGE sql VOLATILE AS 'SELECT 1';"
    "CREATE FUNCTION twice(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 * 2';";

ReplayResult replay(Session& session, const std::string& sql, const std::vector<std::string>& trusted = {}) {
  Statement statement;
  statement.sql = sql;
  ReplayPolicy policy;
  policy.allowed_functions = trusted;
  return replay_statement(session, statement, classify_statement(parse_sql(sql)), policy);
}
}  // namespace

TEST_CASE("a user function is run only when trusted, one the planner runs is not even planned", "[pg][safety]") {
  Session session(scratch_database("pgadvisor_scratch_functions", kScratchSetup), {});
  ReplayResult volatile_call = replay(session, "SELECT bump() FROM counter");
  // a SQL function, even VOLATILE, may be inlined by the planner, which then folds its body
  CHECK(volatile_call.status == ReplayStatus::Refused);
  CHECK(volatile_call.reason.find("calls bump(), a volatile sql function, which the planner runs") != std::string::npos);
  // Its IMMUTABLE label is the user's word, not PostgreSQL's: not executed, and since the planner
  // folds a constant call, not planned either.
  ReplayResult immutable_call = replay(session, "SELECT twice(n) FROM counter");
  CHECK(immutable_call.status == ReplayStatus::Refused);
  CHECK(immutable_call.reason.find("calls twice(), an IMMUTABLE sql function") != std::string::npos);
  CHECK(replay(session, "SELECT twice(n) FROM counter", {"twice"}).status == ReplayStatus::Analyzed);
  CHECK(replay(session, "SELECT twice(n) FROM counter", {"public.twice"}).status == ReplayStatus::Analyzed);
  CHECK(replay(session, "SELECT bump() FROM counter", {"bump"}).status == ReplayStatus::Analyzed);
  ReplayResult builtin = replay(session, "SELECT lower('A'), now(), random() FROM counter");
  CHECK(builtin.status == ReplayStatus::Analyzed);
}

TEST_CASE("without hypopg installed, what-if creates it and the rollback removes it", "[pg][safety]") {
  Session session(scratch_database("pgadvisor_scratch_hypopg", kScratchSetup), {});
  session.rolled_back(TransactionMode::ReadOnly, [](Transaction& tx) { REQUIRE_FALSE(hypopg_installed(tx)); });

  QueryTemplate tmpl;
  tmpl.sample.sql = "SELECT * FROM items WHERE kind = 7";
  tmpl.facts = extract_query_facts(parse_sql(tmpl.sample.sql));
  IndexCandidate candidate;
  candidate.definition = {"", "items", {{"kind", false}}, "", {}};

  session.rolled_back(TransactionMode::ReadWrite, [&](Transaction& tx) {
    WhatIf whatif(tx);
    double before = whatif.cost(tmpl);
    std::vector<std::string> oids = whatif.create(candidate);
    CHECK(oids.size() == 1);
    CHECK(whatif.size_bytes(oids) > 0);
    CHECK(whatif.cost(tmpl) < before / 2);
    // After the extension is created the transaction is read-only.
    std::string sqlstate;
    try {
      tx.query_in_savepoint("CREATE TABLE sneaky (a int)");
    } catch (const DatabaseError& error) {
      sqlstate = error.sqlstate();
    }
    CHECK(sqlstate == "25006");
    // A candidate hypopg refuses leaves the transaction usable.
    IndexCandidate bogus;
    bogus.definition = {"", "items", {{"no_such_column", false}}, "", {}};
    CHECK_THROWS_AS(whatif.create(bogus), DatabaseError);
    CHECK(whatif.cost(tmpl) < before / 2);
  });
  session.rolled_back(TransactionMode::ReadOnly, [](Transaction& tx) { CHECK_FALSE(hypopg_installed(tx)); });
}
