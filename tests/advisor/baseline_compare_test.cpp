// Baseline comparison on small hand-made JSON reports: plan-shape changes (an index access that
// became a Seq Scan, and back, by the plan trees or by older reports' summaries), slower within and beyond the factor and the floor, new and gone
// templates, findings fixed and new, older reports' missing keys, and what is not a report.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "advisor/baseline_compare.hpp"
#include "advisor/findings/plan_shape.hpp"

using namespace pgadvisor;
using nlohmann::json;

namespace {

json tmpl(const std::string& fingerprint, double ms, const std::string& plan, double calls = 1, double cost = 8.3) {
  return {{"fingerprint", fingerprint},
          {"normalized_sql", "SELECT * FROM t WHERE id = $" + fingerprint},
          {"calls", calls},
          {"total_ms", ms * calls},
          {"mean_ms", ms},
          {"replay", {{"status", "analyzed"}, {"execution_ms", ms}, {"planning_ms", 0.1}, {"plan_total_cost", cost},
                      {"plan_summary", plan}}}};
}

json report(json templates, json findings = json::array()) {
  return {{"version", 1}, {"database", "blog"}, {"templates", templates}, {"findings", findings}, {"indexes", json::array()}};
}

json finding(const std::string& kind, std::vector<std::string> templates) {
  return {{"kind", kind}, {"severity", "high"}, {"templates", templates}, {"summary", kind + " on " + templates[0]}};
}

const std::string kIndexPlan = "Limit (rows 1) ← Index Scan using t_x_idx on t (rows 1)";
const std::string kSeqPlan = "Limit (rows 1) ← Seq Scan on t (rows 1, 9999 removed)";
const std::string kBitmapPlan =
    "Sort (quicksort) (rows 3559) ← Bitmap Heap Scan on c (rows 3559, 389 removed) ← Bitmap Index Scan using c_post_idx (rows 3948)";

std::vector<std::string> codes(const json& entry) {
  std::vector<std::string> out;
  for (const auto& reason : entry["reasons"]) out.push_back(reason["code"]);
  return out;
}

}  // namespace

TEST_CASE("plan summaries read back into node types, indexes and relations", "[advisor][baseline]") {
  auto nodes = parse_plan_summary(kBitmapPlan);
  REQUIRE(nodes.size() == 3);
  CHECK(nodes[0].node_type == "Sort");
  CHECK(nodes[0].relation.empty());
  CHECK(nodes[1].node_type == "Bitmap Heap Scan");
  CHECK(nodes[1].relation == "c");
  CHECK(nodes[2].node_type == "Bitmap Index Scan");
  CHECK(nodes[2].index == "c_post_idx");
  nodes = parse_plan_summary("Limit (rows 20) <- Index Only Scan using t_a_b on t <- Sort (top-N heapsort) (rows 42)");
  REQUIRE(nodes.size() == 3);
  CHECK(nodes[1].node_type == "Index Only Scan");
  CHECK(nodes[1].index == "t_a_b");
  CHECK(nodes[1].relation == "t");
  CHECK(nodes[2].node_type == "Sort");
  CHECK(parse_plan_summary("").empty());
  CHECK(parse_plan_summary("ModifyTable on todos_todo ← Seq Scan on todos_todo")[0].relation == "todos_todo");
}

TEST_CASE("an Index Scan that became a Seq Scan on the same relation is a regression", "[advisor][baseline]") {
  json comparison = compare_to_baseline(report({tmpl("a", 0.05, kIndexPlan, 20)}), report({tmpl("a", 0.6, kSeqPlan, 20)}));
  REQUIRE(comparison["regressions"].size() == 1);
  const json& regression = comparison["regressions"][0];
  CHECK(regression["fingerprint"] == "a");
  CHECK(codes(regression) == std::vector<std::string>{"seq_scan"});  // 12x slower but under the 1 ms floor
  CHECK(regression["reasons"][0]["text"] == "Seq Scan on t instead of Index Scan using t_x_idx");
  CHECK(regression["reasons"][0]["relation"] == "t");
  CHECK(regression["plan_before"] == kIndexPlan);
  CHECK(regression["plan_after"] == kSeqPlan);
  CHECK(regression["before_ms"] == 0.05);
  CHECK(regression["after_ms"] == 0.6);
  CHECK(regression["factor"].get<double>() == Approx(12.0));
  CHECK(regression["added_ms"].get<double>() == Approx(11.0));
  CHECK(comparison["unchanged"] == 0);
  CHECK(comparison["compared"] == 1);

  // A Bitmap Heap Scan names its Bitmap Index Scan's index.
  json bitmap = compare_to_baseline(report({tmpl("c", 9.7, kBitmapPlan)}),
                                    report({tmpl("c", 9.0, "Sort (quicksort) (rows 3559) ← Seq Scan on c (rows 3559)")}));
  REQUIRE(bitmap["regressions"].size() == 1);
  CHECK(bitmap["regressions"][0]["reasons"][0]["text"] == "Seq Scan on c instead of Bitmap Heap Scan using c_post_idx");
}

TEST_CASE("cost, row counts, another index or a relation off the summary are not a shape change", "[advisor][baseline]") {
  json before = tmpl("a", 2.0, kIndexPlan);
  json after = tmpl("a", 2.1, "Limit (rows 5) ← Index Scan using t_other_idx on t (rows 5)");
  after["replay"]["plan_total_cost"] = 900.0;
  json joined = tmpl("j", 3.0, "Hash Join (rows 5) ← Index Scan using u_idx on u (rows 5)");
  json rejoined = tmpl("j", 3.0, "Hash Join (rows 5) ← Seq Scan on t (rows 50)");
  json comparison = compare_to_baseline(report({before, joined}), report({after, rejoined}));
  CHECK(comparison["regressions"].empty());
  CHECK(comparison["fixed"].empty());
  CHECK(comparison["unchanged"] == 2);
  CHECK(access_changes(parse_plan_summary(kIndexPlan),
                       parse_plan_summary("Limit (rows 1) ← Index Only Scan using t_x_idx on t (rows 1)"))
            .empty());
}

TEST_CASE("plan trees: a change on a branch the summary does not follow is found", "[advisor][baseline]") {
  // A hash join: its costliest branch (the summary's) is the same Seq Scan on t before and after;
  // the other side, u, went from an index to a Seq Scan, which only the whole tree shows.
  const std::string summary = "Hash Join (rows 10) ← Seq Scan on t (rows 1000)";
  auto node = [](const std::string& type, const std::string& index, const std::string& relation) {
    return json{{"node_type", type}, {"index", index}, {"relation", relation}, {"sort_method", ""}};
  };
  json hash = node("Hash", "", ""), join = node("Hash Join", "", ""), scan_t = node("Seq Scan", "", "t");
  json before = tmpl("join", 5.0, summary), after = tmpl("join", 5.2, summary);
  before["replay"]["plan_nodes"] = {join, scan_t, hash, node("Index Scan", "u_a_idx", "u")};
  after["replay"]["plan_nodes"] = {join, scan_t, hash, node("Seq Scan", "", "u")};
  json comparison = compare_to_baseline(report({before}), report({after}));
  REQUIRE(comparison["regressions"].size() == 1);
  CHECK(codes(comparison["regressions"][0]) == std::vector<std::string>{"seq_scan"});
  CHECK(comparison["regressions"][0]["reasons"][0]["relation"] == "u");

  // An older baseline without plan_nodes: both sides are compared by their summaries.
  json older = tmpl("join", 5.0, summary);
  CHECK(compare_to_baseline(report({older}), report({after}))["regressions"].empty());
  CHECK(compare_to_baseline(report({older}), report({after}))["unchanged"] == 1);
}

TEST_CASE("slower counts beyond the factor and the floor only", "[advisor][baseline]") {
  json baseline = report({tmpl("within", 10.0, kSeqPlan), tmpl("beyond", 10.0, kSeqPlan, 3), tmpl("tiny", 0.1, kSeqPlan),
                          tmpl("big", 100.0, kSeqPlan, 2)});
  // The tables grew: the same nodes cost more, so the times are not noise on the same plan.
  json current = report({tmpl("within", 14.0, kSeqPlan, 1, 20), tmpl("beyond", 16.0, kSeqPlan, 3, 20),
                         tmpl("tiny", 0.9, kSeqPlan, 1, 20), tmpl("big", 400.0, kSeqPlan, 2, 20)});
  json comparison = compare_to_baseline(baseline, current);
  REQUIRE(comparison["regressions"].size() == 2);
  CHECK(comparison["regressions"][0]["fingerprint"] == "big");  // +600 ms over the log before +18 ms
  CHECK(comparison["regressions"][1]["fingerprint"] == "beyond");
  CHECK(codes(comparison["regressions"][1]) == std::vector<std::string>{"slower"});
  CHECK(comparison["regressions"][1]["reasons"][0]["text"] == "10.0 ms -> 16.0 ms a call (1.6x)");
  CHECK(comparison["regressions"][1]["delta_ms"].get<double>() == Approx(6.0));
  CHECK(comparison["unchanged"] == 2);

  BaselineOptions strict;
  strict.slower_factor = 1.2;
  strict.min_delta_ms = 0.5;
  CHECK(compare_to_baseline(baseline, current, strict)["regressions"].size() == 4);
}

TEST_CASE("faster templates, index scans gained and findings gone are fixed, new and gone templates", "[advisor][baseline]") {
  json baseline = report({tmpl("faster", 30.0, kSeqPlan, 2), tmpl("indexed", 1.2, kSeqPlan), tmpl("gone", 1.0, kSeqPlan),
                          tmpl("same", 5.0, kBitmapPlan)},
                         {finding("filter_discards", {"indexed"}), finding("n_plus_one", {"same", "faster"}),
                          finding("duplicate_queries", {"same"})});
  json current = report({tmpl("new", 7.0, kSeqPlan, 4), tmpl("faster", 10.0, kSeqPlan, 2, 4.0), tmpl("indexed", 1.0, kIndexPlan),
                         tmpl("same", 5.5, kBitmapPlan)},
                        {finding("n_plus_one", {"same", "faster"}), finding("seq_scan_large_frequent", {"new"})});
  json comparison = compare_to_baseline(baseline, current);
  CHECK(comparison["regressions"].empty());
  REQUIRE(comparison["new_templates"].size() == 1);
  CHECK(comparison["new_templates"][0]["fingerprint"] == "new");
  CHECK(comparison["new_templates"][0]["execution_ms"] == 7.0);
  REQUIRE(comparison["gone_templates"].size() == 1);
  CHECK(comparison["gone_templates"][0]["fingerprint"] == "gone");
  REQUIRE(comparison["fixed"].size() == 4);
  CHECK(comparison["fixed"][0]["fingerprint"] == "faster");  // saves 40 ms over the log
  CHECK(codes(comparison["fixed"][0]) == std::vector<std::string>{"faster"});
  CHECK(comparison["fixed"][1]["fingerprint"] == "indexed");
  CHECK(codes(comparison["fixed"][1]) == std::vector<std::string>{"index_scan"});
  CHECK(comparison["fixed"][1]["reasons"][0]["text"] == "Index Scan using t_x_idx on t instead of Seq Scan");
  CHECK(comparison["fixed"][2]["type"] == "finding");
  CHECK(comparison["fixed"][2]["kind"] == "filter_discards");
  CHECK(comparison["fixed"][2]["fingerprint"] == "indexed");
  CHECK(comparison["fixed"][3]["kind"] == "duplicate_queries");
  REQUIRE(comparison["new_findings"].size() == 1);
  CHECK(comparison["new_findings"][0]["kind"] == "seq_scan_large_frequent");
  CHECK(comparison["new_findings"][0]["normalized_sql"] == "SELECT * FROM t WHERE id = $new");
  CHECK(comparison["unchanged"] == 1);

  std::string text = baseline_to_text(comparison);
  CHECK(text.find("\nCompared with baseline: 0 regressions, 4 fixed, 1 new template, 1 gone, 1 new finding, 1 unchanged\n") == 0);
  CHECK(text.find("new         new (4 calls)") != std::string::npos);
  CHECK(text.find("fixed       filter_discards (template indexed)") != std::string::npos);
}

TEST_CASE("a time change on the same plan and cost is timing only, unless timing alone is trusted", "[advisor][baseline]") {
  const std::string parallel = "Limit (rows 20) ← Gather Merge (rows 20) ← Sort (top-N heapsort) (rows 60) ← Seq Scan on p (rows 9)";
  const std::string fewer_workers = "Limit (rows 20) ← Gather Merge (rows 20) ← Sort (top-N heapsort) (rows 42) ← Seq Scan on p (rows 9)";
  json baseline = report({tmpl("busy", 3.5, parallel, 5, 100), tmpl("grown", 3.5, parallel, 1, 100)});
  json current = report({tmpl("busy", 12.4, fewer_workers, 5, 105), tmpl("grown", 12.4, parallel, 1, 150)});
  json comparison = compare_to_baseline(baseline, current);
  REQUIRE(comparison["regressions"].size() == 1);
  CHECK(comparison["regressions"][0]["fingerprint"] == "grown");  // the cost grew by half
  REQUIRE(comparison["timing_only"].size() == 1);
  CHECK(comparison["timing_only"][0]["fingerprint"] == "busy");
  CHECK(codes(comparison["timing_only"][0]) == std::vector<std::string>{"slower"});
  CHECK(comparison["unchanged"] == 0);
  std::string text = baseline_to_text(comparison);
  CHECK(text.find(", 0 unchanged, 1 timing only (same plan)\n") != std::string::npos);
  CHECK(text.find("  timing only busy (5 calls)") != std::string::npos);

  json faster = compare_to_baseline(current, baseline);
  CHECK(faster["fixed"].size() == 1);
  CHECK(codes(faster["timing_only"][0]) == std::vector<std::string>{"faster"});

  BaselineOptions trusting;
  trusting.trust_timing_alone = true;
  CHECK(compare_to_baseline(baseline, current, trusting)["regressions"].size() == 2);
  CHECK(compare_to_baseline(baseline, current, trusting)["timing_only"].empty());
}

TEST_CASE("a replay that now fails is a regression", "[advisor][baseline]") {
  json failing = tmpl("a", 1.0, kIndexPlan);
  failing["replay"] = {{"status", "failed"}, {"diagnostic", {{"message", "canceling statement due to statement timeout"}}}};
  json comparison = compare_to_baseline(report({tmpl("a", 1.0, kIndexPlan)}), report({failing}));
  REQUIRE(comparison["regressions"].size() == 1);
  CHECK(codes(comparison["regressions"][0]) == std::vector<std::string>{"failed"});
  CHECK(comparison["regressions"][0]["after_ms"].is_null());
  CHECK(comparison["regressions"][0]["reasons"][0]["text"].get<std::string>().find("statement timeout") != std::string::npos);
  CHECK(codes(compare_to_baseline(report({failing}), report({tmpl("a", 1.0, kIndexPlan)}))["fixed"][0]) ==
        std::vector<std::string>{"replays"});
}

TEST_CASE("older reports' missing keys skip only what they decide", "[advisor][baseline]") {
  json old = {{"version", 1},
              {"templates", {{{"fingerprint", "a"}, {"calls", 3}},             // no replay
                             {{"normalized_sql", "SELECT 1"}},                  // no fingerprint: unmatched
                             {{"fingerprint", "b"}, {"replay", {{"status", "explained"}, {"plan_summary", kIndexPlan}}}},
                             {{"fingerprint", "c"}, {"replay", {{"execution_ms", nullptr}}}}}}};
  json current = report({tmpl("a", 50.0, kSeqPlan), tmpl("b", 3.0, kSeqPlan), tmpl("c", 2.0, kSeqPlan)},
                        {finding("filter_discards", {"a"})});
  json comparison = compare_to_baseline(old, current);
  REQUIRE(comparison["regressions"].size() == 1);  // b: the explained plan's index access is gone
  CHECK(comparison["regressions"][0]["fingerprint"] == "b");
  CHECK(comparison["regressions"][0]["before_ms"].is_null());
  CHECK(comparison["regressions"][0]["added_ms"].is_null());
  CHECK(comparison["unchanged"] == 2);
  CHECK(comparison["new_findings"].size() == 1);
  CHECK(comparison["baseline_database"].is_null());
  // b's index access; a's finding is not "gone": a was not replayed there, so it could not show
  json reverse = compare_to_baseline(current, old);
  REQUIRE(reverse["fixed"].size() == 1);
  CHECK(reverse["fixed"][0]["fingerprint"] == "b");
  // once a is planned again without it, the finding is gone
  json replanned = old;
  replanned["templates"][0]["replay"] = {{"status", "analyzed"}, {"execution_ms", 1.0}, {"plan_summary", kSeqPlan}};
  CHECK(compare_to_baseline(current, replanned)["fixed"].size() == 2);
  CHECK_NOTHROW(baseline_to_text(comparison));
  CHECK_NOTHROW(baseline_to_text(json::object()));
}

TEST_CASE("a baseline that is not a pgadvisor JSON report is an error", "[advisor][baseline]") {
  json current = report({tmpl("a", 1.0, kIndexPlan)});
  BaselineOptions options;
  options.label = "previous.json";
  auto message_of = [&](const json& baseline) {
    try {
      compare_to_baseline(baseline, current, options);
    } catch (const std::invalid_argument& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  CHECK(message_of(json::array({1, 2})) == "the baseline previous.json is not a pgadvisor JSON report: not a JSON object");
  CHECK(message_of({{"templates", json::array()}}).find("no \"version\" and \"templates\"") != std::string::npos);
  CHECK(message_of({{"version", 1}, {"rows", 3}}).find("is not a pgadvisor JSON report") != std::string::npos);
  CHECK(message_of({{"version", 1}, {"templates", "none"}}).find("is not a pgadvisor JSON report") != std::string::npos);
  CHECK(message_of({{"format", "pgadvisor-workload"}, {"version", 1}, {"templates", json::array()}})
            .find("workload file") != std::string::npos);
  CHECK(message_of({{"version", 1}, {"templates", json::array()}}) == "no error");
  CHECK_THROWS_AS(compare_to_baseline(current, json("text")), std::invalid_argument);
}

TEST_CASE("the text section names each regression with its reasons and plans", "[advisor][baseline]") {
  BaselineOptions options;
  options.label = "base.json";
  json comparison = compare_to_baseline(report({tmpl("a", 2.0, kIndexPlan, 20), tmpl("b", 1.0, kSeqPlan)}),
                                        report({tmpl("a", 9.0, kSeqPlan, 20), tmpl("b", 1.0, kSeqPlan)}), options);
  CHECK(comparison["baseline"] == "base.json");
  std::string text = baseline_to_text(comparison);
  INFO(text);
  CHECK(text.find("\nCompared with baseline base.json: 1 regression, 0 fixed, 0 new templates, 0 gone, 0 new findings, "
                  "1 unchanged\n") == 0);
  CHECK(text.find("  REGRESSION  a (20 calls): SELECT * FROM t WHERE id = $a\n") != std::string::npos);
  CHECK(text.find("2.00 ms -> 9.00 ms a call (4.5x); Seq Scan on t instead of Index Scan using t_x_idx") !=
        std::string::npos);
  CHECK(text.find("     before: " + kIndexPlan) != std::string::npos);
  CHECK(text.find("     after:  " + kSeqPlan) != std::string::npos);
}
