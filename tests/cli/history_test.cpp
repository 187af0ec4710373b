// `audit --history DIR` and `report --history DIR` through the binary on a scratch copy of the
// blog fixture. Three runs in one folder (named so that their names sort against their times):
// two with the foreign-key index on blog_comment(post_id), one after dropping it. The third
// run's trend lists the three runs by time and the templates that read through the index as
// regressions (a Seq Scan now), with their time in every run; text, Markdown and HTML show it;
// files of the folder that are not reports of this database are skipped with a line on standard
// error. `--fail-on new-high` exits 0 when the previous run had the same findings and 1 when its
// high finding is new (the previous report edited to lack it: the tool's own file). No timings
// are asserted: a Seq Scan instead of an index is a plan-shape change.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

const std::string kIndex = "blog_comment_post_id_580e96ef";

json read_report(const std::string& path) {
  std::string text = read_text_file(path);
  REQUIRE(!text.empty());
  return json::parse(text);
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  REQUIRE(out.good());
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const json* entry_of(const json& entries, const std::string& fingerprint) {
  for (const auto& entry : entries)
    if (entry["fingerprint"] == fingerprint) return &entry;
  return nullptr;
}

}  // namespace

TEST_CASE("three runs in --history: a dropped index is a regression in the trend, new-high fails only on a new finding",
          "[pg][history]") {
  const std::string dsn = scratch_database("pgadvisor_history", read_text_file(fixture_path("blog/schema.sql")) + "\n" +
                                                                    read_text_file(fixture_path("blog/data.sql")));
  const TempDir dir("history");
  const std::string reports = dir.file("reports");
  REQUIRE(run_shell("mkdir " + shell_quote(reports)) == 0);
  const std::string first = reports + "/b-first.json", second = reports + "/a-second.json", third = reports + "/c-third.json";
  const std::string audit = "audit -q --runs 1 --no-rewrites --db " + shell_quote(dsn) + " --log " +
                            shell_quote(fixture_path("blog/logs/findings.log")) + " --format json";

  CommandResult one = run_pgadvisor(audit + " -o " + shell_quote(first));
  INFO(one.err);
  REQUIRE(one.exit_code == 0);
  const json first_report = read_report(first);
  CHECK(!first_report.value("generated_at", "").empty());
  std::vector<std::string> through_index, high_kinds;
  for (const auto& entry : first_report["templates"])
    if (contains(entry["replay"].value("plan_summary", ""), "using " + kIndex)) through_index.push_back(entry["fingerprint"]);
  for (const auto& finding : first_report["findings"])
    if (finding["severity"] == "high") high_kinds.push_back(finding["kind"]);
  REQUIRE(!through_index.empty());
  REQUIRE(!high_kinds.empty());

  // The second run on the same database: its high findings are the first run's, not new.
  CommandResult two = run_pgadvisor(audit + " -o " + shell_quote(second) + " --history " + shell_quote(reports) +
                                    " --fail-on new-high");
  INFO(two.err);
  const json second_report = read_report(second);
  INFO(second_report["trend"].dump(1).substr(0, 4000));
  CHECK(second_report["trend"]["previous"] == first);
  CHECK(second_report["trend"]["runs"].size() == 2);
  bool new_high = false;
  for (const auto& finding : second_report["trend"]["new_findings"]) new_high = new_high || finding["severity"] == "high";
  CHECK_FALSE(new_high);
  CHECK(two.exit_code == 0);

  // Files that are not earlier reports of this database, beside them.
  write_file(reports + "/notes.json", R"({"hello": "not a report"})");
  write_file(reports + "/broken.json", "{\"format\": \"pgadvisor-report\",\n");
  json other = first_report;
  other["database"] = "dbname=shop host=/tmp port=5432 user=postgres";
  write_file(reports + "/other-db.json", other.dump());

  run_psql(dsn, "DROP INDEX " + kIndex);
  CommandResult three = run_pgadvisor(audit + " -o " + shell_quote(third) + " --history " + shell_quote(reports) +
                                      " --fail-on regression");
  INFO(three.err);
  CHECK(three.exit_code == 1);
  CHECK(contains(three.err, "pgadvisor: --fail-on regression: "));
  CHECK(contains(three.err, "regression(s) against the previous run"));
  CHECK(contains(three.err, "pgadvisor: --history: " + reports + "/notes.json: not a pgadvisor audit report"));
  CHECK(contains(three.err, "pgadvisor: --history: " + reports + "/broken.json: not JSON: parse error at line 2"));
  CHECK(contains(three.err, "pgadvisor: --history: " + reports + "/other-db.json: an audit of database shop, not "));
  const json trend = read_report(third)["trend"];
  INFO(trend.dump(1).substr(0, 6000));
  REQUIRE(trend["runs"].size() == 3);  // by time, not by name: b-first, a-second, then this one
  CHECK(trend["runs"][0]["file"] == first);
  CHECK(trend["runs"][1]["file"] == second);
  CHECK(trend["runs"][2]["file"] == third);
  CHECK(trend["runs"][2]["current"] == true);
  CHECK(trend["runs"][0]["generated_at"] < trend["runs"][1]["generated_at"]);
  CHECK(trend["skipped"].size() == 3);
  CHECK(trend["previous"] == second);
  for (const auto& fingerprint : through_index) {
    const json* regression = entry_of(trend["regressions"], fingerprint);
    REQUIRE(regression != nullptr);
    bool seq_scan = false;
    for (const auto& reason : (*regression)["reasons"])
      seq_scan = seq_scan || (reason["code"] == "seq_scan" && reason["relation"] == "blog_comment");
    CHECK(seq_scan);
    const json* series = entry_of(trend["templates"], fingerprint);
    REQUIRE(series != nullptr);
    CHECK((*series)["ms"].size() == 3);
    for (const auto& ms : (*series)["ms"]) CHECK(ms.is_number());
  }

  // Rendered again without a database, in every format, with the trend made again.
  const std::string render = "report " + shell_quote(third) + " --history " + shell_quote(reports);
  CommandResult markdown = run_pgadvisor(render + " --format markdown");
  INFO(markdown.out);
  CHECK(markdown.exit_code == 0);
  CHECK(contains(markdown.out, "#### Trend over 3 runs of `pgadvisor_history"));
  CHECK(contains(markdown.out, "Since the previous run (`" + second + "`): " +
                                   std::to_string(trend["regressions"].size()) + " regression"));
  CHECK(contains(markdown.out, "| regression | calls | a call, run by run | why |"));
  CHECK(contains(markdown.out, "Seq Scan on blog\\_comment instead of "));
  CHECK(contains(markdown.err, "other-db.json: an audit of database shop"));
  CommandResult text = run_pgadvisor(render + " --format text");
  CHECK(contains(text.out, "Trend over 3 runs of pgadvisor_history"));
  CHECK(contains(text.out, "REGRESSION  " + through_index.front()));
  CommandResult html = run_pgadvisor(render + " --format html");
  CHECK(contains(html.out, "<section class=\"trend\"><h2>Trend over 3 runs"));
  CHECK(contains(html.out, "<svg"));
  CHECK(contains(html.out, "chart-runs"));
  CHECK(contains(html.out, "chart-regressions"));

  // The oldest report rendered with the folder: the later runs are not its history.
  CommandResult oldest = run_pgadvisor("report " + shell_quote(first) + " --history " + shell_quote(reports) + " --format json");
  REQUIRE(oldest.exit_code == 0);
  const json oldest_trend = json::parse(oldest.out)["trend"];
  CHECK(oldest_trend["runs"].size() == 1);
  CHECK(oldest_trend["previous"].is_null());
  CHECK(contains(oldest.err, "a-second.json: recorded at "));

  // A history whose latest report lacks this run's high findings (edited): they are new, exit 1.
  const std::string edited = dir.file("edited");
  REQUIRE(run_shell("mkdir " + shell_quote(edited)) == 0);
  json without_high = read_report(third);
  without_high.erase("trend");
  json kept = json::array();
  for (const auto& finding : without_high["findings"])
    if (finding["severity"] != "high") kept.push_back(finding);
  without_high["findings"] = kept;
  write_file(edited + "/previous.json", without_high.dump());
  CommandResult four = run_pgadvisor(audit + " --history " + shell_quote(edited) + " --fail-on new-high -o " +
                                     shell_quote(dir.file("four.json")));
  INFO(four.err);
  CHECK(four.exit_code == 1);
  CHECK(contains(four.err, "new finding(s) at or above the threshold (not in the previous run), first "));
  CHECK(contains(four.err, "(high)"));
}

TEST_CASE("fail-on new-high needs --baseline or --history, and --history a folder", "[history]") {
  const std::string audit = "audit -q --db 'dbname=nowhere' --log " + shell_quote(fixture_path("blog/logs/findings.log"));
  CommandResult alone = run_pgadvisor(audit + " --fail-on new-high");
  CHECK(alone.exit_code == 2);
  CHECK(contains(alone.err, "pgadvisor: --fail-on new-high needs --baseline FILE (an earlier JSON report) or --history DIR"));
  const TempDir dir("history-usage");
  CommandResult missing = run_pgadvisor(audit + " --fail-on new-high --history " + shell_quote(dir.file("absent")));
  CHECK(missing.exit_code == 2);
  CHECK(contains(missing.err, "pgadvisor: --history: " + dir.file("absent") + " is not a directory"));
}
