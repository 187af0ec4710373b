// IN-subquery rewrites on small hand-shaped data (a scratch database), one semantic edge each:
// NULLs among a NOT IN subquery's values, duplicate ids, an empty subquery, a correlated
// subquery (never rewritten), a LIMIT or an aggregate in the subquery (materialized as it is,
// never constrained), and a list longer than the inline limit (the array form). Each workload is
// a plain SQL file; the rewrite is run, compared and timed on the database by the binary.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

const char* kSchema = R"SQL(
CREATE TABLE parent (id bigint PRIMARY KEY, grp int NOT NULL, flag boolean NOT NULL);
CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint, done boolean NOT NULL, tag text);
INSERT INTO parent SELECT g, g % 10, g % 3 = 0 FROM generate_series(1, 2000) g;
-- each parent of group 1 has three done children (duplicate ids in the subquery)
INSERT INTO child SELECT g, (g / 3) * 10 + 1, true, 'a' FROM generate_series(0, 599) g;
-- open children, with NULL parents among them
INSERT INTO child SELECT 1000 + g, CASE WHEN g % 50 = 0 THEN NULL ELSE g END, false, 'b'
  FROM generate_series(1, 1500) g;
ANALYZE parent; ANALYZE child;
)SQL";

const std::string& rewrite_dsn() {
  static const std::string dsn = scratch_database("pgadvisor_rewrite_cases", kSchema);
  return dsn;
}

json audit(const std::string& name, const std::string& sql, const std::string& extra = "") {
  const TempDir dir("rewrite");
  const std::string path = dir.file(name + ".sql");
  std::ofstream(path) << sql << "\n";
  CommandResult result = run_pgadvisor("audit --db " + shell_quote(rewrite_dsn()) + " --log " + shell_quote(path) +
                                       " --format json --runs 1 -q " + extra);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out);
}

json only_rewrite(const json& report) {
  INFO(report["rewrites"].dump(2));
  REQUIRE(report["rewrites"].size() == 1);
  return report["rewrites"][0];
}

}  // namespace

TEST_CASE("rewrite case: NULLs in a NOT IN subquery make both forms return nothing", "[pg][rewrite]") {
  json rewrite = only_rewrite(audit("nulls", "SELECT id FROM parent WHERE id NOT IN (SELECT parent_id FROM child WHERE NOT done);"));
  CHECK(rewrite["kind"] == "not_in_subquery");
  CHECK(rewrite["verified_equal"] == true);
  CHECK(rewrite["ids_include_null"] == true);
  CHECK(rewrite["steps"].size() == 2);
}

TEST_CASE("rewrite case: duplicate ids are listed once and the results stay equal", "[pg][rewrite]") {
  json rewrite = only_rewrite(audit("duplicates", "SELECT id, grp FROM parent WHERE id IN (SELECT parent_id FROM child WHERE done);"));
  CHECK(rewrite["kind"] == "in_subquery");
  CHECK(rewrite["verified_equal"] == true);
  CHECK(rewrite["id_count"] == 200);  // 600 done children, 3 per parent
  CHECK_FALSE(rewrite["ids_include_null"].get<bool>());
}

TEST_CASE("rewrite case: an empty subquery keeps IN empty and NOT IN whole", "[pg][rewrite]") {
  json in = only_rewrite(audit("empty_in", "SELECT id FROM parent WHERE id IN (SELECT parent_id FROM child WHERE tag = 'none');"));
  CHECK(in["verified_equal"] == true);
  CHECK(in["id_count"] == 0);
  CHECK(in["list_form"] == "array");  // an inline list cannot be empty
  json not_in = only_rewrite(audit("empty_not_in", "SELECT id FROM parent WHERE id NOT IN (SELECT parent_id FROM child WHERE tag = 'none');"));
  CHECK(not_in["verified_equal"] == true);
  CHECK(not_in["id_count"] == 0);
}

TEST_CASE("rewrite case: a correlated subquery is never rewritten", "[pg][rewrite]") {
  json rewrite = only_rewrite(audit("correlated",
      "SELECT p.id FROM parent p WHERE p.id IN (SELECT c.parent_id FROM child c WHERE c.id > p.grp);"));
  CHECK(rewrite["verdict"] == "refused");
  CHECK(rewrite["reason"].get<std::string>().find("correlated") != std::string::npos);
  CHECK(rewrite["steps"].empty());
}

TEST_CASE("rewrite case: LIMIT and aggregates are materialized as they are, never constrained", "[pg][rewrite]") {
  json limited = only_rewrite(audit("limit",
      "SELECT id FROM parent WHERE grp = 1 AND id IN (SELECT parent_id FROM child WHERE done ORDER BY id LIMIT 30);"));
  CHECK(limited["verified_equal"] == true);
  CHECK(limited["constrained"] == false);
  json aggregate = only_rewrite(audit("aggregate",
      "SELECT id FROM parent WHERE flag AND id IN (SELECT max(parent_id) FROM child GROUP BY tag);"));
  CHECK(aggregate["verified_equal"] == true);
  CHECK(aggregate["constrained"] == false);
  CHECK(aggregate["id_count"] == 2);
}

TEST_CASE("rewrite case: a list past the inline limit becomes an array parameter", "[pg][rewrite]") {
  const char* sql = "SELECT id FROM parent WHERE id IN (SELECT parent_id FROM child WHERE done);";
  json short_list = only_rewrite(audit("inline", sql));
  CHECK(short_list["list_form"] == "inline");
  CHECK(short_list["steps"][1].get<std::string>().find(" IN (") != std::string::npos);
  json long_list = only_rewrite(audit("array", sql, "--inline-list-limit 50"));
  CHECK(long_list["list_form"] == "array");
  CHECK(long_list["steps"][1].get<std::string>().find("ANY($1") != std::string::npos);
  CHECK(long_list["verified_equal"] == true);
}
