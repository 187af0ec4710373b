// The history trend on small hand-made JSON reports: per-run figures (replayed and logged time,
// findings by severity), per-template series across runs (a template missing from a run is
// null there), the changes since the previous run by --baseline's rules (a Seq Scan instead of
// an index is a regression, a finding of the same kind and templates is not new), no comparison
// without an earlier run, and the database name that makes runs "the same audit".
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "advisor/history_trend.hpp"

using namespace pgadvisor;
using nlohmann::json;

namespace {

const std::string kIndexPlan = "Limit (rows 1) ← Index Scan using t_x_idx on t (rows 1)";
const std::string kSeqPlan = "Limit (rows 1) ← Seq Scan on t (rows 1, 9999 removed)";

json tmpl(const std::string& fingerprint, double ms, const std::string& plan, double calls) {
  return {{"fingerprint", fingerprint},
          {"normalized_sql", "SELECT * FROM t WHERE id = $" + fingerprint},
          {"calls", calls},
          {"total_ms", 2 * ms * calls},
          {"mean_ms", 2 * ms},
          {"replay", {{"status", "analyzed"}, {"execution_ms", ms}, {"planning_ms", 0.1}, {"plan_total_cost", 8.3},
                      {"plan_summary", plan}}}};
}

json finding(const std::string& kind, const std::string& severity, const std::string& fingerprint) {
  return {{"kind", kind}, {"severity", severity}, {"templates", {fingerprint}}, {"summary", kind + " on " + fingerprint}};
}

HistoryRun run(const std::string& file, const std::string& time, json templates, json findings) {
  return {file, time, false,
          {{"format", "pgadvisor-report"}, {"version", 1}, {"database", "dbname=blog host=/tmp port=5432 user=ci"},
           {"statements", 10}, {"templates", std::move(templates)}, {"findings", std::move(findings)}}};
}

std::vector<std::string> fingerprints(const json& entries) {
  std::vector<std::string> out;
  for (const auto& entry : entries) out.push_back(entry["fingerprint"]);
  return out;
}

}  // namespace

TEST_CASE("the trend has every run's figures and every template's time per run", "[advisor][history]") {
  std::vector<HistoryRun> earlier = {
      run("r/1.json", "2026-11-23T02:00:00.000Z", {tmpl("a", 0.5, kIndexPlan, 10), tmpl("gone", 1.0, kIndexPlan, 2)},
          {finding("n_plus_one", "high", "a")}),
      run("r/2.json", "2026-11-30T02:00:00.000Z", {tmpl("a", 0.6, kIndexPlan, 10), tmpl("gone", 1.0, kIndexPlan, 2)},
          {finding("n_plus_one", "high", "a"), finding("select_star", "low", "gone")})};
  HistoryRun now = run("r/3.json", "2026-12-07T02:00:00.000Z", {tmpl("a", 40.0, kSeqPlan, 10), tmpl("new", 3.0, kIndexPlan, 1)},
                       {finding("n_plus_one", "high", "a"), finding("seq_scan_filter", "medium", "a")});
  json trend = history_trend("r", earlier, now, {{"r/notes.json", "not JSON"}});

  CHECK(trend["database"] == "blog");
  REQUIRE(trend["runs"].size() == 3);
  CHECK(trend["runs"][0]["file"] == "r/1.json");
  CHECK(trend["runs"][2]["current"] == true);
  CHECK(trend["runs"][0]["current"] == false);
  CHECK(trend["runs"][0]["replayed_ms"].get<double>() == Approx(0.5 * 10 + 1.0 * 2));
  CHECK(trend["runs"][2]["replayed_ms"].get<double>() == Approx(40.0 * 10 + 3.0));
  CHECK(trend["runs"][0]["logged_ms"].get<double>() == Approx(2 * (0.5 * 10 + 1.0 * 2)));
  CHECK(trend["runs"][1]["findings"] == json({{"high", 1}, {"medium", 0}, {"low", 1}}));
  CHECK(trend["runs"][2]["findings"] == json({{"high", 1}, {"medium", 1}, {"low", 0}}));
  CHECK(trend["skipped"] == json::array({{{"file", "r/notes.json"}, {"reason", "not JSON"}}}));

  // this run's templates first, then the one only earlier runs had; null where a run lacks it
  CHECK(fingerprints(trend["templates"]) == std::vector<std::string>{"a", "new", "gone"});
  CHECK(trend["templates"][0]["ms"] == json({0.5, 0.6, 40.0}));
  CHECK(trend["templates"][1]["ms"] == json({nullptr, nullptr, 3.0}));
  CHECK(trend["templates"][2]["ms"] == json({1.0, 1.0, nullptr}));
  CHECK(trend["templates"][2]["calls"] == json({2.0, 2.0, nullptr}));

  // against the previous run (r/2.json), not the first
  CHECK(trend["previous"] == "r/2.json");
  REQUIRE(trend["regressions"].size() == 1);
  CHECK(trend["regressions"][0]["fingerprint"] == "a");
  CHECK(trend["regressions"][0]["before_ms"] == 0.6);
  CHECK(fingerprints(trend["new_templates"]) == std::vector<std::string>{"new"});
  CHECK(fingerprints(trend["gone_templates"]) == std::vector<std::string>{"gone"});
  REQUIRE(trend["new_findings"].size() == 1);  // n_plus_one on a was there before
  CHECK(trend["new_findings"][0]["kind"] == "seq_scan_filter");
  // select_star's template is gone: not planned this time, so its finding is not called fixed
  CHECK(trend["fixed_findings"].empty());
}

TEST_CASE("a finding whose template is still planned but no longer shows it is fixed", "[advisor][history]") {
  std::vector<HistoryRun> earlier = {
      run("r/1.json", "2026-11-30T02:00:00.000Z", {tmpl("a", 0.5, kIndexPlan, 10)}, {finding("n_plus_one", "high", "a")})};
  HistoryRun now = run("r/2.json", "2026-12-07T02:00:00.000Z", {tmpl("a", 0.5, kIndexPlan, 10)}, json::array());
  json trend = history_trend("r", earlier, now, {});
  REQUIRE(trend["fixed_findings"].size() == 1);
  CHECK(trend["fixed_findings"][0]["kind"] == "n_plus_one");
  CHECK(trend["faster"].empty());
  CHECK(trend["regressions"].empty());
  CHECK(trend["unchanged"] == 1);
}

TEST_CASE("with no earlier run nothing is compared", "[advisor][history]") {
  HistoryRun now = run("r/1.json", "2026-12-07T02:00:00.000Z", {tmpl("a", 0.5, kIndexPlan, 10)},
                       {finding("n_plus_one", "high", "a")});
  json trend = history_trend("r", {}, now, {});
  CHECK(trend["runs"].size() == 1);
  CHECK(trend["previous"].is_null());
  CHECK(trend["new_findings"].empty());
  CHECK(trend["regressions"].empty());
  CHECK(trend["templates"][0]["ms"] == json({0.5}));
}

TEST_CASE("the audited database is the dbname of the connection string", "[advisor][history]") {
  CHECK(audited_database({{"database", "dbname=blog host=/tmp/sock port=5432 user=postgres"}}) == "blog");
  CHECK(audited_database({{"database", "host=db1 dbname=shop_2024"}}) == "shop_2024");
  CHECK(audited_database({{"database", "(the PG* environment variables)"}}) == "(the PG* environment variables)");
  CHECK(audited_database(json::object()).empty());
}
