// Rewrites of NOT IN subqueries whose originals never finish under the replay's limits, on a
// scratch database whose work_mem (64kB) keeps PostgreSQL from hashing the subquery: the plain
// SubPlan re-scans ~59000 ids for every row it tests, seconds a statement. Replayed with a 300 ms
// statement_timeout, each template times out, is kept with a plain EXPLAIN, and its rewrite is
// still verified: equal, not equal (NOT EXISTS where the subquery yields a NULL), and a LIMIT
// without ORDER BY, with the original's time a lower bound under a 1 s --verify-timeout.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

const char* kSchema = R"SQL(
CREATE TABLE item (id int PRIMARY KEY, grp int NOT NULL);
-- every item is marked but those whose id is a multiple of 97
CREATE TABLE mark (item_id int);
CREATE TABLE mark_null (item_id int);
INSERT INTO item SELECT g, g % 10 FROM generate_series(1, 60000) g;
INSERT INTO mark SELECT g FROM generate_series(60000, 1, -1) g WHERE g % 97 <> 0;  -- small ids last
INSERT INTO mark_null SELECT item_id FROM mark UNION ALL SELECT NULL;
ANALYZE item; ANALYZE mark; ANALYZE mark_null;
ALTER DATABASE pgadvisor_rewrite_timed_out SET work_mem = '64kB';
ALTER DATABASE pgadvisor_rewrite_timed_out SET hash_mem_multiplier = 1;
)SQL";

const char* kEqual = "SELECT id, grp FROM item WHERE id NOT IN (SELECT item_id FROM mark) AND grp = 3";
const char* kNulls = "SELECT id FROM item WHERE id NOT IN (SELECT item_id FROM mark_null) AND grp = 7";
const char* kLimit = "SELECT id FROM item WHERE id NOT IN (SELECT item_id FROM mark) AND grp = 1 LIMIT 5";

const json& report() {
  static const json audited = [] {
    const std::string dsn = scratch_database("pgadvisor_rewrite_timed_out", kSchema);
    ScratchDirectory scratch;
    const std::string log = scratch.path + "/slow.sql";
    std::ofstream(log) << kEqual << ";\n" << kNulls << ";\n" << kLimit << ";\n";
    CommandResult result = run_pgadvisor_within(
        600, "audit -q --db " + shell_quote(dsn) + " --log " + log +
                 " --format json --runs 1 --no-warmup --statement-timeout 300ms --verify-timeout 1s");
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return json::parse(result.out);
  }();
  return audited;
}

const json& template_of(const std::string& sql) {
  for (const auto& entry : report()["templates"])
    if (entry["sample"]["sql"] == sql) return entry;
  FAIL("no template for " << sql);
  throw;
}

const json& rewrite_of(const std::string& sql) {
  for (const auto& rewrite : report()["rewrites"])
    if (rewrite["original_sql"] == sql) return rewrite;
  FAIL("no rewrite for " << sql << " in " << report()["rewrites"].dump(2));
  throw;
}

std::map<std::string, json> alternatives_of(const json& rewrite) {
  std::map<std::string, json> by_kind;
  for (const auto& alternative : rewrite["alternatives"]) by_kind[alternative["kind"]] = alternative;
  return by_kind;
}

}  // namespace

TEST_CASE("a template that times out is kept: plain EXPLAIN, the timeout a lower bound", "[pg][rewrite][timeout]") {
  for (const char* sql : {kEqual, kNulls, kLimit}) {
    INFO(sql);
    const json& replay = template_of(sql)["replay"];
    CHECK(replay["status"] == "timed_out");
    CHECK(replay["lower_bound_ms"] == 300);
    CHECK(replay["execution_ms"].is_null());
    CHECK(replay["plan_summary"].get<std::string>().find("Seq Scan on item") != std::string::npos);
  }
}

TEST_CASE("timed-out original: the id list and NOT EXISTS verified equal, the speedup a lower bound", "[pg][rewrite][timeout]") {
  const json& rewrite = rewrite_of(kEqual);
  CHECK(rewrite["verdict"] == "proposed");
  CHECK(rewrite["verified_equal"] == true);
  CHECK(rewrite["before_is_lower_bound"] == true);
  CHECK(rewrite["before_ms"] == 1000);  // --verify-timeout
  auto alternatives = alternatives_of(rewrite);
  REQUIRE(alternatives.size() == 3);
  CHECK(alternatives["id_list"]["comparison"].get<std::string>().find("so its subquery is hashed") != std::string::npos);
  CHECK(alternatives["id_list"]["verified_equal"] == true);
  CHECK(alternatives["not_exists"]["verified_equal"] == true);
  CHECK(alternatives["work_mem"]["verified_equal"] == true);
  CHECK(alternatives["work_mem"]["sql"].get<std::string>().rfind("SET LOCAL work_mem = '", 0) == 0);
  for (const auto& [kind, alternative] : alternatives) {
    INFO(kind);
    CHECK(alternative["ms_is_lower_bound"] == false);
    CHECK(alternative["ms"].get<double>() < 1000);
  }
  // the recommendation is the fastest of the three, or the simpler of those within 25% of it
  double fastest = 1e9;
  for (const auto& [kind, alternative] : alternatives) fastest = std::min(fastest, alternative["ms"].get<double>());
  REQUIRE(rewrite["recommended"].is_string());
  const json& recommended = alternatives[rewrite["recommended"].get<std::string>()];
  CHECK(recommended["ms"].get<double>() <= fastest * 1.25 + 1.0);
  CHECK(rewrite["after_ms"] == recommended["ms"]);
}

TEST_CASE("timed-out original with a NULL in its subquery: NOT EXISTS is not equal, the id list is", "[pg][rewrite][timeout]") {
  const json& rewrite = rewrite_of(kNulls);
  auto alternatives = alternatives_of(rewrite);
  CHECK(rewrite["ids_include_null"] == true);
  CHECK(alternatives["id_list"]["verified_equal"] == true);
  CHECK(alternatives["not_exists"]["verified_equal"] == false);
  CHECK(alternatives["not_exists"]["note"].get<std::string>().find("the results differ") != std::string::npos);
  CHECK(rewrite["recommended"] != "not_exists");
  CHECK(rewrite["verdict"] == "proposed");
}

TEST_CASE("timed-out original with a LIMIT without ORDER BY: all rows compared, hashed", "[pg][rewrite][timeout]") {
  const json& rewrite = rewrite_of(kLimit);
  CHECK(rewrite["verified_equal"] == true);
  CHECK(rewrite["before_is_lower_bound"] == true);
  auto alternatives = alternatives_of(rewrite);
  CHECK(alternatives["id_list"]["verified_equal"] == true);
  CHECK(alternatives["id_list"]["comparison"].get<std::string>().find("without the LIMIT") != std::string::npos);
  CHECK(alternatives["not_exists"]["verified_equal"] == true);
  CHECK(alternatives["not_exists"]["comparison"].get<std::string>().rfind("all rows of both without the LIMIT; the "
                                                                          "original's with work_mem = ", 0) == 0);
}
