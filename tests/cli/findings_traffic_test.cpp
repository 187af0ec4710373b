// Findings on fixtures/blog/logs/findings.log (`manage.py traffic_findings`: one view per ORM
// habit, each in its own session): each habit is found on its own template with its evidence,
// and the clean view's queries get no finding.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/findings_report.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

json audit_findings_log() { return audit_without_rewrites("--log " + shell_quote(fixture_path("blog/logs/findings.log"))); }

const json* finding(const json& report, const std::string& kind, const std::vector<std::string>& parts) {
  return finding_on(report, kind, parts);
}

bool contains(const json& text, const std::string& part) {
  return text.get<std::string>().find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("each habit of traffic_findings is found on its template, the clean view on none",
          "[pg][findings][e2e]") {
  json report = audit_findings_log();
  INFO(report["findings"].dump(1));
  REQUIRE(report["sessions"].size() == 14);  // one connection a view

  SECTION("heavy columns: 500 whole posts, body included") {
    const json* f = finding(report, "heavy_columns", {"FROM \"blog_post\"", "\"blog_post\".\"body\"", "LIMIT"});
    REQUIRE(f != nullptr);
    CHECK((*f)["evidence"]["rows"] == 500);
    CHECK((*f)["evidence"]["plan_width"].get<int>() >= 256);
    CHECK(contains((*f)["fix_django"], ".only("));
    CHECK(contains((*f)["fix_django"], ".defer("));
  }
  SECTION("count() > 0 where exists() would do") {
    const json* f = finding(report, "count_for_existence", {"SELECT COUNT(*)", "FROM \"blog_comment\""});
    REQUIRE(f != nullptr);
    CHECK((*f)["evidence"]["rows_counted"].get<long long>() >= 1000);  // post 200000's comments
    CHECK(contains((*f)["fix_django"], ".exists()"));
    CHECK(contains((*f)["fix_sql"], "SELECT EXISTS (SELECT 1 FROM \"blog_comment\""));
    CHECK(contains((*f)["fix_sql"], "LIMIT 1)"));
  }
  SECTION("membership by fetching every banned user") {
    const json* f = finding(report, "fetch_for_count_or_membership", {"FROM \"users_user\"", "\"status\" = $1"});
    REQUIRE(f != nullptr);
    CHECK((*f)["evidence"]["rows"].get<long long>() > 1000);
    CHECK(contains((*f)["fix_django"], ".exists()"));
    CHECK(contains((*f)["fix_django"], ".count()"));
  }
  SECTION("every to-do item at once") {
    const json* f = finding(report, "unbounded_result", {"FROM \"todos_todo\""});
    REQUIRE(f != nullptr);
    CHECK((*f)["evidence"]["rows"] == 100000);
    CHECK(contains((*f)["fix_django"], "iterator("));
  }
  SECTION("create() in a loop") {
    const json* f = finding(report, "writes_in_loop", {"INSERT INTO \"blog_comment\""});
    REQUIRE(f != nullptr);
    CHECK((*f)["evidence"]["runs"] == 20);
    CHECK(contains((*f)["fix_django"], "bulk_create"));
  }
  SECTION("reverse foreign key N+1") {
    const json* f = finding(report, "n_plus_one", {"FROM \"blog_comment\"", "\"post_id\" = $1"});
    REQUIRE(f != nullptr);
    CHECK((*f)["evidence"]["runs"] == 10);
    CHECK((*f)["evidence"]["variant"] == "reverse_foreign_key");
    CHECK(contains((*f)["fix_django"], "prefetch_related"));
  }
  SECTION("every post sorted by popularity, spilling to disk") {
    const json* f = finding(report, "disk_sort", {"FROM \"blog_post\"", "ORDER BY \"blog_post\".\"view_count\" DESC"});
    REQUIRE(f != nullptr);
    CHECK(contains((*f)["evidence"]["sort_method"], "external"));
    CHECK((*f)["evidence"]["space_kb"].get<long long>() > 4096);  // beyond the default work_mem
    CHECK(contains((*f)["fix_sql"], "work_mem"));
    CHECK(contains((*f)["evidence"]["saving_basis"], "measured"));
    CHECK((*f)["evidence"]["work_mem_helps"].is_boolean());
  }
  SECTION("the moderation queue's hash of whole posts spills in batches; its saving is measured") {
    const json* f = finding(report, "hash_spill", {"FROM \"blog_comment\" INNER JOIN \"blog_post\"",
                                                   "NOT \"blog_comment\".\"active\""});
    REQUIRE(f != nullptr);
    CHECK((*f)["evidence"]["relation"] == "blog_post");
    CHECK((*f)["evidence"]["batches"].get<long long>() > 1);
    CHECK((*f)["evidence"]["rows"].get<long long>() > 100000);  // the unpublished posts
    CHECK(contains((*f)["fix_sql"], "work_mem"));
    // the fix was tried: both medians are there, and the saving is what they say
    CHECK(contains((*f)["evidence"]["saving_basis"], "measured"));
    double before = (*f)["evidence"]["measured_ms"], after = (*f)["evidence"]["with_work_mem_ms"];
    CHECK(before > 0);
    CHECK(after > 0);
    CHECK((*f)["saving_ms"].get<double>() == Approx(std::max(before - after, 0.0)));
    CHECK(contains((*f)["summary"], "Measured: with work_mem"));
  }
  SECTION("titles of early-2023 comments: a nested loop of 16,000 post lookups") {
    const json* f = finding(report, "nested_loop_loops", {"FROM \"blog_comment\" INNER JOIN \"blog_post\"",
                                                          "\"blog_comment\".\"created\" >= $"});
    REQUIRE(f != nullptr);
    CHECK((*f)["evidence"]["loops"].get<long long>() >= 10000);
    CHECK(contains((*f)["fix_sql"], "ANALYZE"));
    // its saving is the proposed indexes' on this template, and says so, or says none serves it
    CHECK(contains((*f)["evidence"]["saving_basis"], "proposed index"));
  }
  SECTION("two correlated ranges underestimated") {
    const json* f = finding(report, "misestimate", {"SELECT COUNT(", "FROM \"blog_comment\"", "\"created\" >= $", "\"post_id\" >= $"});
    REQUIRE(f != nullptr);
    CHECK((*f)["evidence"]["relation"] == "blog_comment");
    CHECK((*f)["evidence"]["factor"].get<double>() >= 10);
    CHECK((*f)["evidence"]["actual"].get<long long>() >= 1000);
    CHECK((*f)["evidence"]["actual"].get<long long>() > (*f)["evidence"]["estimated"].get<long long>());
  }
  SECTION("a deferred field loaded per row") {
    const json* f = finding(report, "n_plus_one", {"SELECT \"blog_post\".\"id\", \"blog_post\".\"slug\" FROM \"blog_post\"",
                                                    "\"blog_post\".\"id\" = $1"});
    REQUIRE(f != nullptr);
    CHECK((*f)["evidence"]["runs"] == 10);
    CHECK((*f)["evidence"]["variant"] == "deferred_field");
    CHECK(contains((*f)["fix_django"], "'slug'"));
  }
  SECTION("a post loaded twice in one request") {
    const json* f = finding(report, "duplicate_queries", {"\"blog_post\".\"body\"", "WHERE \"blog_post\".\"id\" = $1"});
    REQUIRE(f != nullptr);
    CHECK((*f)["evidence"]["repeats"] == 2);
    CHECK((*f)["evidence"]["scope"] == "session");
    CHECK((*f)["evidence"]["window_ms"].get<double>() >= 0);
    CHECK((*f)["saving_ms"].get<double>() > 0);
    // no other repeat: every other view runs each statement once
    long long duplicates = 0;
    for (const auto& other : report["findings"]) duplicates += other["kind"] == "duplicate_queries";
    CHECK(duplicates == 1);
  }
  SECTION("Count annotation used as a flag") {
    const json* f = finding(report, "count_as_flag", {"FROM \"blog_post\"", "GROUP BY", "HAVING COUNT(\"blog_comment\".\"id\")"});
    REQUIRE(f != nullptr);
    CHECK((*f)["evidence"]["rows"] == 20);
    CHECK(contains((*f)["fix_django"], "Exists("));
    CHECK(contains((*f)["fix_django"], "OuterRef('pk')"));
    CHECK(contains((*f)["fix_sql"], "WHERE EXISTS ("));
  }
  SECTION("the clean view's queries have no finding") {
    for (const auto& f : report["findings"]) {
      CHECK(!f["evidence"].empty());
      for (const auto& fingerprint : f["templates"]) {
        std::string sql = normalized_sql_of(report, fingerprint);
        INFO(f["kind"] << ": " << sql);
        CHECK(sql.find("SELECT \"blog_post\".\"id\", \"blog_post\".\"title\" FROM \"blog_post\" WHERE \"blog_post\".\"published\"") ==
              std::string::npos);
        CHECK(sql.find("WHERE \"users_user\".\"id\" = $1") == std::string::npos);
      }
    }
    // and the heavy-row detector leaves the narrow list pages alone
    CHECK(finding(report, "heavy_columns", {"FROM \"blog_comment\" WHERE"}) == nullptr);
    CHECK(finding(report, "heavy_columns", {"FROM \"todos_todo\""}) == nullptr);
  }
}
