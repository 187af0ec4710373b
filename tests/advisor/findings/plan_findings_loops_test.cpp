// Plan smells, continued: nested loops, SELECTs without LIMIT, clean and unanalyzed plans, and
// the work_mem rounding.
#include <catch2/catch.hpp>

#include "advisor/findings/plan_findings.hpp"
#include "advisor/findings/plan_findings_fixes.hpp"
#include "tests/support/plan_findings_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

TEST_CASE("a nested loop running its inner side thousands of times", "[findings]") {
  QueryTemplate tmpl = make_template(
      "SELECT p.id, c.id FROM blog_post p JOIN blog_comment c ON c.post_id = p.id AND c.created < p.created_at + "
      "interval '5 days' WHERE p.author_id = 42",
      1, 5);
  CHECK(plan_findings(tmpl, analyzed(recorded_plan("author_post_comments"))).empty());  // 230 loops
  PlanFindingOptions options;
  options.loop_count = 200;
  auto findings = plan_findings(tmpl, analyzed(recorded_plan("author_post_comments")), options);
  CHECK(kinds(findings) == std::set<std::string>{"nested_loop_loops"});
  const Finding& loop = finding_of(findings, "nested_loop_loops");
  CHECK(loop.evidence["loops"] == 230);
  CHECK(loop.evidence["inner_node"] == "Index Scan using blog_comment_post_id_580e96ef on blog_comment");
  CHECK(loop.evidence["outer_rows"] == 230);
  CHECK(loop.evidence["time_ms"] == Approx(4.971));
  CHECK(loop.fix_sql == "ANALYZE blog_post;");  // the inner side already uses an index
  CHECK(contains(loop.summary, "ran Index Scan using blog_comment_post_id_580e96ef on blog_comment 230 times"));

  // By hand: an unindexed inner side run once for each of 20000 outer rows estimated at 10.
  PlanNode outer = node("Seq Scan", "blog_post", 10, 20000, 1, 20);
  outer.parent_relationship = "Outer";
  PlanNode inner = node("Seq Scan", "blog_comment", 1, 1, 20000, 0.5);
  inner.parent_relationship = "Inner";
  inner.filter = "(post_id = p.id)";
  PlanNode join = node("Nested Loop", "", 10, 20000, 1, 10100);
  join.children = {outer, inner};
  auto by_hand = plan_findings(tmpl, analyzed(plan_of(join, 10110)));
  const Finding& slow = finding_of(by_hand, "nested_loop_loops");
  CHECK(slow.severity == Severity::High);
  CHECK(slow.evidence["loops"] == 20000);
  CHECK(slow.evidence["outer_estimated"] == 10);
  CHECK(slow.fix_sql == "CREATE INDEX CONCURRENTLY ON blog_comment (post_id);\nANALYZE blog_post;");
  CHECK(contains(slow.fix_django, "models.Index(fields=[\"post_id\"]"));
  CHECK(contains(slow.summary, "20000 times (the outer side was estimated at 10 rows and returned 20000)"));
  CHECK(finding_of(by_hand, "misestimate").evidence["relation"] == "blog_post");  // 10 estimated, 20000 read
}

TEST_CASE("a SELECT returning many rows with no LIMIT", "[findings]") {
  PlanNode scan = node("Seq Scan", "blog_post", 95000, 95106, 1, 40);
  scan.filter = "published";
  scan.rows_removed_by_filter = 104894;
  QueryTemplate tmpl = make_template("SELECT id, title FROM blog_post WHERE published", 3, 150);
  auto findings = plan_findings(tmpl, analyzed(plan_of(scan, 45)));
  const Finding& unbounded = finding_of(findings, "unbounded_result");
  CHECK(unbounded.severity == Severity::High);
  CHECK(unbounded.evidence["rows"] == 95106);
  CHECK(unbounded.evidence["calls"] == 3);
  CHECK(unbounded.summary == "The SELECT returns 95106 rows with no LIMIT (3 calls, 150.0 ms over the log); stream "
                             "them with .iterator() or read a page at a time.");
  CHECK(contains(unbounded.fix_django, ".iterator(chunk_size=2000)"));
  CHECK(contains(unbounded.fix_django, "Paginator("));
  CHECK(contains(unbounded.fix_sql, "LIMIT"));

  QueryTemplate limited = make_template("SELECT id, title FROM blog_post WHERE published LIMIT 100000", 3, 150);
  CHECK(kinds(plan_findings(limited, analyzed(plan_of(scan, 45)))).count("unbounded_result") == 0);
}

TEST_CASE("a clean plan, or one not analyzed, gives no finding", "[findings]") {
  PlanNode scan = node("Index Scan", "blog_post", 20, 20, 1, 0.08);
  scan.index_name = "blog_post_created_at_idx";
  scan.index_cond = "(author_id = 42)";
  PlanNode limit = node("Limit", "", 20, 20, 1, 0.1);
  limit.children.push_back(scan);
  QueryTemplate tmpl =
      make_template("SELECT id FROM blog_post WHERE author_id = 42 ORDER BY created_at DESC LIMIT 20", 500, 60);
  CHECK(plan_findings(tmpl, analyzed(plan_of(limit, 0.15))).empty());

  ReplayResult explained = analyzed(recorded_plan("post_sort_on_disk"));
  explained.status = ReplayStatus::Explained;
  CHECK(plan_findings(make_template(kPostSortSql, 1, 82), explained).empty());
  ReplayResult failed;
  failed.status = ReplayStatus::Failed;
  CHECK(plan_findings(make_template(kPostSortSql, 1, 82), failed).empty());
}

TEST_CASE("work_mem is the power of two of megabytes above the space used", "[findings]") {
  CHECK(plan_fixes::work_mem_mb_above(0) == 1);
  CHECK(plan_fixes::work_mem_mb_above(1023) == 1);
  CHECK(plan_fixes::work_mem_mb_above(1024) == 2);
  CHECK(plan_fixes::work_mem_mb_above(4368) == 8);
  CHECK(plan_fixes::work_mem_mb_above(13824) == 16);
}
