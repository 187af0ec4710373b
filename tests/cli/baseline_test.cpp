// `audit --baseline` through the binary on a scratch copy of the blog fixture: a run compared
// with itself has no regression (exit 0 under --fail-on regression); after dropping the foreign-
// key index on blog_comment(post_id), the templates that read through it are regressions that
// say Seq Scan, in the JSON report's "baseline" and in the text report, and exit 1. No timings
// are asserted: the Seq Scan is a plan-shape change.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

const std::string kIndex = "blog_comment_post_id_580e96ef";

void run_sql(const std::string& dsn, const std::string& sql) {
  std::string command = "/usr/lib/postgresql/15/bin/psql -X -q -v ON_ERROR_STOP=1 -d " + shell_quote(dsn) + " -c " +
                        shell_quote(sql) + " >/dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
}

json read_report(const std::string& path) {
  std::string text = read_text_file(path);
  REQUIRE(!text.empty());
  return json::parse(text);
}

const json* regression_of(const json& report, const std::string& fingerprint) {
  for (const auto& entry : report["baseline"]["regressions"])
    if (entry["fingerprint"] == fingerprint) return &entry;
  return nullptr;
}

}  // namespace

TEST_CASE("a dropped index is a regression against the baseline, the same database is not", "[pg][baseline]") {
  const std::string dsn = scratch_database("pgadvisor_baseline", read_text_file(fixture_path("blog/schema.sql")) + "\n" +
                                                                     read_text_file(fixture_path("blog/data.sql")));
  const TempDir dir("baseline");
  const std::string base_path = dir.file("base.json"), self_path = dir.file("self.json"),
                    dropped_path = dir.file("dropped.json");
  const std::string audit = "audit -q --no-rewrites --db " + shell_quote(dsn) + " --log " +
                            shell_quote(fixture_path("blog/logs/django.log"));

  CommandResult base = run_pgadvisor(audit + " --format json -o " + shell_quote(base_path));
  INFO(base.err);
  REQUIRE(base.exit_code == 0);
  json baseline = read_report(base_path);
  std::vector<std::string> through_index;  // the templates whose plan reads blog_comment through kIndex
  for (const auto& entry : baseline["templates"])
    if (entry["replay"].value("plan_summary", "").find("using " + kIndex) != std::string::npos)
      through_index.push_back(entry["fingerprint"]);
  REQUIRE(!through_index.empty());

  // The same database again: nothing regressed (the default factor 1.5 and floor 1 ms absorb noise).
  CommandResult self = run_pgadvisor(audit + " --baseline " + shell_quote(base_path) + " --fail-on regression --format json -o " +
                                     shell_quote(self_path));
  INFO(self.err);
  json same = read_report(self_path);
  INFO(same["baseline"].dump(1));
  CHECK(self.exit_code == 0);
  CHECK(same["baseline"]["regressions"].empty());
  CHECK(same["baseline"]["new_templates"].empty());
  CHECK(same["baseline"]["gone_templates"].empty());

  run_sql(dsn, "DROP INDEX " + kIndex);
  CommandResult dropped =
      run_pgadvisor(audit + " --baseline " + shell_quote(base_path) + " --fail-on regression --format json -o " +
                    shell_quote(dropped_path));
  INFO(dropped.err);
  json after = read_report(dropped_path);
  INFO(after["baseline"].dump(1));
  CHECK(dropped.exit_code == 1);
  for (const auto& fingerprint : through_index) {
    const json* regression = regression_of(after, fingerprint);
    REQUIRE(regression != nullptr);
    bool seq_scan = false;
    for (const auto& reason : (*regression)["reasons"])
      seq_scan = seq_scan || (reason["code"] == "seq_scan" && reason["relation"] == "blog_comment" &&
                              reason["text"].get<std::string>().rfind("Seq Scan on blog_comment instead of ", 0) == 0 &&
                              reason["before"].get<std::string>().find(kIndex) != std::string::npos);
    CHECK(seq_scan);
    CHECK((*regression)["plan_after"].get<std::string>().find("Seq Scan on blog_comment") != std::string::npos);
  }

  // The terminal report says the same.
  CommandResult text = run_pgadvisor(audit + " --baseline " + shell_quote(base_path) + " --fail-on regression");
  INFO(text.out);
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("Compared with baseline " + base_path + ": ") != std::string::npos);
  CHECK(text.out.find("REGRESSION  " + through_index.front()) != std::string::npos);
  CHECK(text.out.find("Seq Scan on blog_comment instead of ") != std::string::npos);
}
