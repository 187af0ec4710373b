// Which files of a --history folder are earlier runs of this audit (cli/history_reports), on
// small JSON reports written to a temporary folder: ordered by generated_at whatever their
// names, a report without one placed by its file's time; skipped with their reason: a workload
// file, another version, an interrupted audit, a report not earlier than this one, a copy of a
// run already read; never read: this report's own file, other extensions, subfolders.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/history_reports.hpp"
#include "plans/utc_time.hpp"
#include "tests/support/temp_dir.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

json report(const std::string& generated_at) {
  json out = {{"format", "pgadvisor-report"}, {"version", 1}, {"database", "dbname=blog host=/tmp port=5432 user=ci"},
              {"statements", 1}, {"templates", json::array()}, {"findings", json::array()}};
  if (!generated_at.empty()) out["generated_at"] = generated_at;
  return out;
}

void write(const std::string& path, const json& document) {
  std::ofstream out(path);
  out << document.dump();
  REQUIRE(out.good());
}

std::string skip_reason(const json& trend, const std::string& file) {
  for (const auto& skipped : trend["skipped"])
    if (skipped["file"] == file) return skipped["reason"];
  return "";
}

}  // namespace

TEST_CASE("the history is the earlier reports of this audit, by their recorded time", "[history]") {
  const TempDir dir("history-reports");
  const std::string folder = dir.path;
  write(dir.file("z-monday.json"), report("2026-11-30T02:00:00.000Z"));
  write(dir.file("a-wednesday.json"), report("2026-12-02T02:00:00.000Z"));
  write(dir.file("zz-copy-of-monday.json"), report("2026-11-30T02:00:00.000Z"));
  write(dir.file("no-time.json"), report(""));  // placed by its file's time: Tuesday
  std::filesystem::last_write_time(
      dir.file("no-time.json"),
      std::filesystem::file_time_type::clock::now() -
          std::chrono::duration_cast<std::filesystem::file_time_type::duration>(
              std::chrono::system_clock::now() - *parse_utc_timestamp("2026-12-01T02:00:00.000Z")));
  json workload = {{"format", "pgadvisor-workload"}, {"version", 1}, {"templates", json::array()}};
  write(dir.file("workload.json"), workload);
  json version_two = report("2026-11-29T02:00:00.000Z");
  version_two["version"] = 2;
  write(dir.file("v2.json"), version_two);
  json interrupted = report("2026-11-28T02:00:00.000Z");
  interrupted["interrupted"] = true;
  write(dir.file("interrupted.json"), interrupted);
  write(dir.file("later.json"), report("2026-12-09T02:00:00.000Z"));
  write(dir.file("notes.txt"), report("2026-11-27T02:00:00.000Z"));  // not *.json
  std::filesystem::create_directory(dir.file("old"));
  write(dir.file("old/archived.json"), report("2026-11-26T02:00:00.000Z"));  // not in the folder itself
  const json current = report("2026-12-07T02:00:00.000Z");
  write(dir.file("today.json"), current);  // this report: never its own history

  json trend = history_trend_section(folder, current, {dir.file("today.json")});
  INFO(trend.dump(1));
  REQUIRE(trend["runs"].size() == 4);
  CHECK(trend["runs"][0]["file"] == dir.file("z-monday.json"));
  CHECK(trend["runs"][1]["file"] == dir.file("no-time.json"));
  CHECK(trend["runs"][1]["time_from"] == "file");
  // the file time was set through two clocks read one after the other: equal to within a second
  auto placed = parse_utc_timestamp(trend["runs"][1]["generated_at"].get<std::string>());
  REQUIRE(placed);
  CHECK(std::chrono::abs(*placed - *parse_utc_timestamp("2026-12-01T02:00:00.000Z")) < std::chrono::seconds(1));
  CHECK(trend["runs"][2]["file"] == dir.file("a-wednesday.json"));
  CHECK(trend["runs"][2]["time_from"] == "generated_at");
  CHECK(trend["runs"][3]["file"] == dir.file("today.json"));
  CHECK(trend["runs"][3]["current"] == true);
  CHECK(trend["previous"] == dir.file("a-wednesday.json"));

  CHECK(trend["skipped"].size() == 5);
  CHECK(skip_reason(trend, dir.file("zz-copy-of-monday.json")) == "the same run as " + dir.file("z-monday.json"));
  CHECK(skip_reason(trend, dir.file("workload.json")) == "a workload file of `pgadvisor replay`, not an audit report");
  CHECK(skip_reason(trend, dir.file("v2.json")) == "a report of version 2; this pgadvisor reads version 1");
  CHECK(skip_reason(trend, dir.file("interrupted.json")) == "an interrupted audit (its figures are partial)");
  CHECK(skip_reason(trend, dir.file("later.json")) ==
        "recorded at 2026-12-09T02:00:00.000Z, not before this report (2026-12-07T02:00:00.000Z)");
}

TEST_CASE("an empty history has one run and nothing to compare", "[history]") {
  const TempDir dir("history-empty");
  json trend = history_trend_section(dir.path, report("2026-12-07T02:00:00.000Z"), {});
  CHECK(trend["runs"].size() == 1);
  CHECK(trend["runs"][0]["file"].is_null());  // written to standard output
  CHECK(trend["previous"].is_null());
  CHECK(trend["skipped"].empty());
}
