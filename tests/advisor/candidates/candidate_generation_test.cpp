// build_candidates against a small scratch database: views, partitioned parents, pg_stats
// selectivity of partial forms, merged WHEREs, schemas.
#include <catch2/catch.hpp>

#include <algorithm>

#include "advisor/candidates/candidate_generation.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

const char* kSetup = R"SQL(
CREATE TABLE tickets (id int PRIMARY KEY, state text NOT NULL, closed boolean NOT NULL, opened date NOT NULL,
                      queue char(8) NOT NULL);
INSERT INTO tickets SELECT g, CASE WHEN g % 100 = 0 THEN 'urgent' WHEN g % 100 < 5 THEN 'waiting' ELSE 'normal' END,
                           g % 20 <> 0, date '2024-01-01' + g % 365, CASE WHEN g % 50 = 0 THEN 'phone' ELSE 'web' END
                      FROM generate_series(1, 20000) g;
CREATE VIEW open_tickets AS SELECT id, state, opened FROM tickets WHERE NOT closed;
CREATE TABLE readings (taken date NOT NULL, sensor int NOT NULL) PARTITION BY RANGE (taken);
CREATE TABLE readings_a PARTITION OF readings FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');
CREATE TABLE readings_b PARTITION OF readings FOR VALUES FROM ('2024-07-01') TO ('2025-01-01');
INSERT INTO readings SELECT date '2024-01-01' + g % 365, g % 300 FROM generate_series(1, 20000) g;
CREATE SCHEMA "Ops";
CREATE TABLE "Ops"."Shift Log" ("Day" date, note text);
CREATE INDEX shift_day ON "Ops"."Shift Log" ("Day");
ANALYZE;
)SQL";

QueryTemplate template_of(const std::string& sql) {
  QueryTemplate tmpl;
  tmpl.fingerprint = fingerprint_sql(sql);
  tmpl.sample.sql = sql;
  tmpl.calls = 5;
  tmpl.facts = extract_query_facts(parse_sql(sql));
  tmpl.constants = ConstantTracker::restored(tmpl.facts, {});
  return tmpl;
}

const IndexCandidate* find(const std::vector<IndexCandidate>& candidates, const std::string& key) {
  auto found = std::find_if(candidates.begin(), candidates.end(), [&](const IndexCandidate& c) { return c.key() == key; });
  return found == candidates.end() ? nullptr : &*found;
}

}  // namespace

TEST_CASE("build_candidates resolves views, partitions and partial selectivity", "[pg][advisor]") {
  Session session(scratch_database("pgadvisor_scratch_candidates", kSetup), {});
  std::vector<QueryTemplate> templates = {
      template_of("SELECT id FROM tickets WHERE state = 'urgent' ORDER BY opened DESC LIMIT 5"),
      template_of("SELECT id, opened FROM tickets WHERE state = 'waiting' ORDER BY opened DESC LIMIT 5"),
      template_of("SELECT id FROM tickets WHERE state = 'normal' ORDER BY opened DESC LIMIT 5"),
      template_of("SELECT id FROM tickets WHERE closed ORDER BY opened LIMIT 5"),
      template_of("SELECT id, opened FROM open_tickets WHERE state = 'urgent'"),
      template_of("SELECT sensor FROM readings WHERE sensor = 7"),
      template_of("SELECT state FROM tickets WHERE id = 7"),
      template_of("SELECT id FROM tickets WHERE queue = 'phone' ORDER BY id DESC LIMIT 5"),
  };
  std::vector<const QueryTemplate*> pointers;
  for (const auto& tmpl : templates) pointers.push_back(&tmpl);
  std::vector<IndexCandidate> candidates;
  Diagnostics diagnostics;
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    candidates = build_candidates(tx, pointers, {}, diagnostics);
  });
  CHECK(diagnostics.empty());

  const IndexCandidate* urgent = find(candidates, "tickets (opened DESC) WHERE state = 'urgent'");
  REQUIRE(urgent != nullptr);
  CHECK(urgent->predicate_selectivity == Approx(0.01).epsilon(0.2));
  CHECK(find(candidates, "tickets (opened DESC) WHERE state = 'normal'") == nullptr);  // 95% of the rows
  CHECK(find(candidates, "tickets (opened) WHERE closed") == nullptr);                 // 95% of the rows
  CHECK(find(candidates, "tickets (state, opened DESC)") != nullptr);
  // char(8): pg_stats pads its common values with blanks ('phone   '), the literal has none
  const IndexCandidate* phone = find(candidates, "tickets (id DESC) WHERE queue = 'phone'");
  REQUIRE(phone != nullptr);
  CHECK(phone->predicate_selectivity == Approx(0.02).epsilon(0.2));
  const IndexCandidate* both = find(candidates, "tickets (opened DESC) WHERE state IN ('urgent', 'waiting')");
  REQUIRE(both != nullptr);
  CHECK(both->templates.size() == 2);

  CHECK(find(candidates, "tickets (state) INCLUDE (id, opened)") != nullptr);  // from the view, on its table
  CHECK(find(candidates, "tickets (id) INCLUDE (state)") == nullptr);  // over the primary key
  for (const auto& candidate : candidates) CHECK(candidate.definition.table != "open_tickets");

  const IndexCandidate* sensor = find(candidates, "readings (sensor)");
  REQUIRE(sensor != nullptr);
  CHECK(sensor->partitioned);
  CHECK(sensor->ddl().rfind("CREATE INDEX IF NOT EXISTS readings_sensor_idx ON readings (sensor)", 0) == 0);
}

TEST_CASE("existing indexes are read by schema-qualified name", "[pg][advisor]") {
  Session session(scratch_database("pgadvisor_scratch_candidates", kSetup), {});
  std::vector<ExistingIndex> qualified, bare;
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    qualified = read_existing_indexes(tx, {"Ops.Shift Log"});
    bare = read_existing_indexes(tx, {"tickets"});
  });
  REQUIRE(qualified.size() == 1);
  CHECK(qualified[0].name == "shift_day");
  CHECK(qualified[0].definition.qualified_table() == "Ops.Shift Log");
  CHECK(qualified[0].definition.columns[0].name == "\"Day\"");
  REQUIRE(bare.size() == 1);  // the primary key
  CHECK(bare[0].definition.schema.empty());
  CHECK(bare[0].definition.qualified_table() == "tickets");
}
