// Closure analysis on a scratch database, one way in each: what the text does not show is found
// in the catalogs (an operator in a schema off the search path, attribute notation, a built-in
// that runs SQL named in a string, a SQL function the planner inlines, a trigger's WHEN, a row
// moved between partitions, an aggregate's transition function, a domain's CHECK behind a cast),
// and a statement with none of these is still measured.
#include <catch2/catch.hpp>

#include "plans/pg/replay.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

const char* kSetup = R"sql(
CREATE SEQUENCE side_seq;
CREATE TABLE items (id int PRIMARY KEY, kind int);
INSERT INTO items SELECT g, g % 10 FROM generate_series(1, 1000) g;
CREATE FUNCTION bump_int(int, int) RETURNS boolean LANGUAGE plpgsql IMMUTABLE
  AS 'BEGIN PERFORM nextval(''side_seq''); RETURN $1 = $2; END';
CREATE FUNCTION evil(items) RETURNS int LANGUAGE plpgsql VOLATILE
  AS 'BEGIN PERFORM nextval(''side_seq''); RETURN 1; END';
CREATE FUNCTION folded(int) RETURNS int LANGUAGE plpgsql IMMUTABLE
  AS 'BEGIN PERFORM nextval(''side_seq''); RETURN $1; END';
CREATE FUNCTION wrapper() RETURNS int LANGUAGE sql VOLATILE AS 'SELECT folded(7)';
CREATE FUNCTION sum_bump(int, int) RETURNS int LANGUAGE plpgsql
  AS 'BEGIN PERFORM nextval(''side_seq''); RETURN coalesce($1, 0) + $2; END';
CREATE AGGREGATE total(int) (SFUNC = sum_bump, STYPE = int);
CREATE DOMAIN bumped AS int CHECK (folded(VALUE) IS NOT NULL);
CREATE SCHEMA hidden_ops;
CREATE OPERATOR hidden_ops.=== (LEFTARG = int, RIGHTARG = int, FUNCTION = bump_int);
CREATE VIEW item_xml AS SELECT evil(i) FROM items i;
CREATE FUNCTION log_move() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN PERFORM nextval(''side_seq''); RETURN NEW; END';
CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE events_old PARTITION OF events FOR VALUES FROM ('2000-01-01') TO ('2025-01-01');
CREATE TABLE events_new PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2030-01-01');
CREATE TRIGGER moved_in AFTER INSERT ON events_new FOR EACH ROW EXECUTE FUNCTION log_move();
CREATE TABLE flagged (id int, note text);
CREATE TRIGGER watched BEFORE UPDATE ON flagged FOR EACH ROW WHEN (folded(OLD.id) > 0)
  EXECUTE FUNCTION suppress_redundant_updates_trigger();
ANALYZE;
)sql";

ReplayResult replay(Session& session, const std::string& sql, bool analyze_writes = false) {
  Statement statement;
  statement.sql = sql;
  ReplayPolicy policy;
  policy.analyze_writes = analyze_writes;
  return replay_statement(session, statement, classify_statement(parse_sql(sql)), policy);
}

void expect(const ReplayResult& result, ReplayStatus status, const std::string& reason) {
  INFO(result.reason);
  CHECK(result.status == status);
  CHECK(result.reason.find(reason) != std::string::npos);
}

}  // namespace

TEST_CASE("closure analysis finds what the text does not show", "[pg][safety][closure]") {
  const std::string dsn = scratch_database("pgadvisor_scratch_closure", kSetup);
  Session session(dsn, {});
  const std::vector<std::string> before = database_checksum(session);

  CHECK(replay(session, "SELECT count(*) FROM items WHERE kind = 3 ORDER BY 1").status == ReplayStatus::Analyzed);
  expect(replay(session, "SELECT count(*) FROM items WHERE id OPERATOR(hidden_ops.===) 5"), ReplayStatus::Refused,
         "uses operator hidden_ops.===(integer,integer), which calls bump_int()");
  expect(replay(session, "SELECT i.evil FROM items i WHERE id = 1"), ReplayStatus::Explained, "calls evil()");
  expect(replay(session, "SELECT table_to_xml('item_xml', true, false, '')"), ReplayStatus::Refused,
         "calls table_to_xml(), a built-in function that runs queries named in a string");
  expect(replay(session, "SELECT wrapper()"), ReplayStatus::Refused, "calls wrapper(), a volatile sql function");
  expect(replay(session, "SELECT total(kind) FROM items"), ReplayStatus::Refused, "calls total()");
  expect(replay(session, "SELECT 5::bumped"), ReplayStatus::Refused, "the CHECK constraint bumped_check of domain bumped");
  expect(replay(session, "UPDATE events SET at = '2026-01-01' WHERE id = 1", true), ReplayStatus::Explained,
         "trigger moved_in on events_new (partition of events) calls log_move()");
  expect(replay(session, "UPDATE flagged SET note = 'x' WHERE id = 1", true), ReplayStatus::Explained,
         "the WHEN condition of trigger watched on flagged calls folded()");
  CHECK(database_checksum(session) == before);
}
