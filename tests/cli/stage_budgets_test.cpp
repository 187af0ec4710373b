// An audit that finishes: a sample slower than --long-query is measured by one run (in the
// replay and again in the finding savings), a stage whose --stage-budget is spent measures no
// more and says what it left, --skip-stage leaves a stage out, and every report format shows the
// stage table. On a scratch database whose work_mem (64kB) makes one statement's sort spill to
// disk (a disk_sort finding, whose saving is a work_mem trial); the statement also sleeps 20 ms
// (pg_sleep), so its every run is longer than a 10 ms threshold whatever the machine's speed.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

const char* kSchema = R"SQL(
CREATE TABLE wide (id int NOT NULL, pad text NOT NULL);
INSERT INTO wide SELECT g, repeat(md5(g::text), 2) FROM generate_series(1, 20000) g;
ANALYZE wide;
ALTER DATABASE pgadvisor_stage_budgets SET work_mem = '64kB';
)SQL";

const char* kSlowSort = "SELECT w.id, w.pad FROM wide w CROSS JOIN pg_sleep(0.02) ORDER BY w.pad DESC, w.id";
const char* kQuick = "SELECT count(*) FROM wide WHERE id < 100";

const std::string& scratch_dsn() {
  static const std::string dsn = scratch_database("pgadvisor_stage_budgets", kSchema);
  return dsn;
}

struct Audit {
  CommandResult result;
  json report;
};

// The audit of the two statements with `options`, as JSON, in a directory of its own.
Audit audit(const std::string& options) {
  const std::string& dsn = scratch_dsn();
  ScratchDirectory scratch;
  const std::string log = scratch.path + "/analytical.sql";
  std::ofstream(log) << kSlowSort << ";\n" << kQuick << ";\n";
  Audit out;
  out.result = run_pgadvisor_within(120, "audit -q --no-rewrites --max-indexes 0 --db " + shell_quote(dsn) +
                                             " --log " + log + " --format json " + options);
  INFO(out.result.err);
  REQUIRE(out.result.exit_code == 0);
  out.report = json::parse(out.result.out);
  return out;
}

const json& replay_of(const json& report, const std::string& sql) {
  for (const auto& entry : report["templates"])
    if (entry["sample"]["sql"] == sql) return entry["replay"];
  FAIL("no template for " << sql);
  throw;
}

const json& stage_of(const json& report, const std::string& name) {
  for (const auto& stage : report["stages"])
    if (stage["name"] == name) return stage;
  FAIL("no stage " << name << " in " << report["stages"].dump(2));
  throw;
}

const json& disk_sort(const json& report) {
  for (const auto& finding : report["findings"])
    if (finding["kind"] == "disk_sort") return finding;
  FAIL("no disk_sort finding in " << report["findings"].dump(2));
  throw;
}

}  // namespace

TEST_CASE("long query: a sample slower than --long-query is measured by one run, and said to be",
          "[pg][cli][stages][long-query]") {
  Audit long_query = audit("--long-query 10ms --runs 3");
  const json& slow = replay_of(long_query.report, kSlowSort);
  CHECK(slow["measured_runs"] == 1);
  CHECK(slow["long_query"] == true);
  CHECK(stage_of(long_query.report, "replay")["long_queries"].get<int>() >= 1);
  // the work_mem trial of its spilled sort: one run each way too
  const json& finding = disk_sort(long_query.report);
  CHECK(finding["evidence"]["measured_once"] == true);
  CHECK(finding["evidence"]["saving_basis"].get<std::string>().find("1 EXPLAIN ANALYZE run (long query)") !=
        std::string::npos);

  Audit every_run = audit("--long-query 0 --runs 3");  // 0: no threshold
  for (const char* sql : {kSlowSort, kQuick}) {
    INFO(sql);
    CHECK(replay_of(every_run.report, sql)["measured_runs"] == 3);
    CHECK_FALSE(replay_of(every_run.report, sql).contains("long_query"));
  }
  CHECK(stage_of(every_run.report, "replay")["long_queries"] == 0);
  CHECK(disk_sort(every_run.report)["evidence"]["measured_once"] == false);
}

TEST_CASE("stage budget: a spent budget stops the stage, which keeps going and says what it left",
          "[pg][cli][stages][budget]") {
  Audit cut = audit("--runs 1 --stage-budget finding-savings=0");
  const json& stage = stage_of(cut.report, "finding savings");
  CHECK(stage["outcome"] == "budget exhausted");
  CHECK(stage["budget_seconds"] == 0);
  CHECK(stage["measured"] == 0);
  CHECK(stage["unmeasured"].get<int>() >= 1);
  CHECK(disk_sort(cut.report)["evidence"]["saving_basis"].get<std::string>().find("time budget") != std::string::npos);
  bool said = false;
  for (const auto& diagnostic : cut.report["diagnostics"])
    said = said || (diagnostic["source"] == "finding savings" &&
                    diagnostic["message"].get<std::string>().find("--stage-budget finding-savings=") != std::string::npos);
  CHECK(said);
  CHECK(cut.report["incomplete"].empty());  // the user's bound, not a gap in the advice

  Audit unbounded = audit("--runs 1 --stage-budget finding-savings=none");
  CHECK(stage_of(unbounded.report, "finding savings")["outcome"] == "done");
  CHECK(stage_of(unbounded.report, "finding savings")["budget_seconds"].is_null());
  CHECK(stage_of(unbounded.report, "finding savings")["measured"].get<int>() >= 1);
}

TEST_CASE("skip stage: the stage is left out and the report says so", "[pg][cli][stages][budget]") {
  Audit skipped = audit("--runs 1 --skip-stage finding-savings");
  const json& stage = stage_of(skipped.report, "finding savings");
  CHECK(stage["outcome"] == "skipped");
  CHECK(stage["measured"] == 0);
  CHECK(disk_sort(skipped.report)["evidence"]["saving_basis"] == "not measured: --skip-stage finding-savings");
}

TEST_CASE("stage table: text, Markdown and HTML show where the audit's time went", "[pg][cli][stages][report]") {
  const std::string& dsn = scratch_dsn();
  ScratchDirectory scratch;
  const std::string log = scratch.path + "/analytical.sql";
  std::ofstream(log) << kSlowSort << ";\n";
  CommandResult result = run_pgadvisor_within(
      120, "audit -q --no-rewrites --max-indexes 0 --runs 1 --stage-budget finding-savings=0 --db " + shell_quote(dsn) +
               " --log " + log + " -o text:" + scratch.path + "/r.txt -o markdown:" + scratch.path + "/r.md -o html:" +
               scratch.path + "/r.html");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  for (const char* file : {"/r.txt", "/r.md", "/r.html"}) {
    INFO(file);
    const std::string text = read_text_file(scratch.path + file);
    CHECK(text.find("Where the audit's time went") != std::string::npos);
    CHECK(text.find("replay") != std::string::npos);
    CHECK(text.find("budget exhausted") != std::string::npos);
    CHECK(text.find("not started: budget ran out") != std::string::npos);
  }
}
