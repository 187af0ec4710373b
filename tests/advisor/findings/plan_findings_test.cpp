// Plan smells on the recorded EXPLAIN (ANALYZE, BUFFERS) plans of fixtures/plans (and small
// hand-built trees for the kinds no recording shows), each with the numbers it rests on: sorts
// and hash tables that spill, large scans, filters that discard, misestimates.
#include <catch2/catch.hpp>

#include "advisor/findings/plan_findings.hpp"
#include "tests/support/plan_findings_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

TEST_CASE("a sort spilled to disk: work_mem above twice its space, or the ORDER BY index", "[findings]") {
  QueryTemplate tmpl = make_template(kPostSortSql, 1, 82);
  auto findings = plan_findings(tmpl, analyzed(recorded_plan("post_sort_on_disk")));
  // The Sort's 105087 estimated rows against 1010 returned is the Limit stopping it, not a misestimate.
  CHECK(kinds(findings) == std::set<std::string>{"disk_sort"});
  const Finding& sort = finding_of(findings, "disk_sort");
  CHECK(sort.templates == std::vector<std::string>{tmpl.fingerprint});
  CHECK(sort.severity == Severity::High);  // the sort is nearly all of the plan's 81.9 ms
  CHECK(sort.evidence["sort_method"] == "external merge");
  CHECK(sort.evidence["space_kb"] == 4368);
  CHECK(sort.evidence["rows"] == 104894);
  CHECK(sort.evidence["work_mem_mb"] == 16);  // 2 × 4368 kB, sorted in memory
  CHECK(sort.evidence["sort_key"] == nlohmann::json({"view_count DESC", "id"}));
  CHECK(sort.summary ==
        "A sort by view_count DESC, id spilled 4368 kB to disk (external merge) sorting 104894 rows in 81.3 ms; "
        "work_mem = '16MB' may keep it in memory, or an index in the ORDER BY order avoids the sort.");
  CHECK(contains(sort.fix_sql, "SET work_mem = '16MB';"));
  CHECK(contains(sort.fix_sql, "CREATE INDEX CONCURRENTLY ON blog_post (view_count DESC, id);"));
  CHECK(contains(sort.fix_django, "connection.cursor().execute(\"SET LOCAL work_mem = '16MB'\")"));
  CHECK(contains(sort.fix_django, "\"options\": \"-c work_mem=16MB\""));
  CHECK(contains(sort.fix_django, "models.Index(fields=[\"-view_count\", \"id\"]"));
  CHECK(sort.saving_ms == 0);
}

TEST_CASE("a disk sort whose keys are not the ORDER BY gets work_mem only", "[findings]") {
  QueryTemplate tmpl = make_template("SELECT id, title FROM blog_post WHERE NOT published ORDER BY id LIMIT 10", 1, 20);
  auto findings = plan_findings(tmpl, analyzed(recorded_plan("post_sort_on_disk")));
  const Finding& sort = finding_of(findings, "disk_sort");
  CHECK(contains(sort.fix_sql, "SET work_mem = '16MB'"));
  CHECK_FALSE(contains(sort.fix_sql, "CREATE INDEX"));
}

TEST_CASE("a hash join in several batches: work_mem for one batch", "[findings]") {
  QueryTemplate tmpl = make_template(
      "SELECT count(*) FROM blog_comment c JOIN blog_post p ON p.id = c.post_id AND c.created > p.created_at + "
      "interval '10 days' WHERE c.active",
      1, 184);
  auto findings = plan_findings(tmpl, analyzed(recorded_plan("comment_post_hash_join")));
  CHECK(kinds(findings) == std::set<std::string>{"hash_spill"});
  const Finding& hash = finding_of(findings, "hash_spill");
  CHECK(hash.severity == Severity::High);  // 184 ms over the log
  CHECK(hash.evidence["batches"] == 8);
  CHECK(hash.evidence["original_batches"] == 8);
  CHECK(hash.evidence["peak_memory_kb"] == 1728);
  CHECK(hash.evidence["relation"] == "blog_post");
  CHECK(hash.evidence["work_mem_mb"] == 16);  // 8 batches of 1728 kB: 13.5 MB
  CHECK(hash.summary ==
        "A hash table of blog_post spilled to disk in 8 batches (peak memory 1728 kB, 200001 rows); "
        "work_mem = '16MB' may keep it in one batch.");
  CHECK(contains(hash.fix_sql, "SET work_mem = '16MB'"));
}

TEST_CASE("large sequential scans in frequent templates", "[findings]") {
  QueryTemplate list = make_template(
      "SELECT \"blog_post\".\"id\", \"blog_post\".\"title\" FROM \"blog_post\" WHERE \"blog_post\".\"published\" "
      "ORDER BY \"blog_post\".\"created_at\" DESC LIMIT 20",
      9, 508);
  auto findings = plan_findings(list, analyzed(recorded_plan("blog_post_list")));
  // Gather Merge's 79160 estimated rows against 20 is the LIMIT, not a misestimate.
  CHECK(kinds(findings) == std::set<std::string>{"seq_scan_large_frequent"});
  const Finding& scan = finding_of(findings, "seq_scan_large_frequent");
  CHECK(scan.severity == Severity::High);
  CHECK(scan.evidence["relation"] == "blog_post");
  CHECK(scan.evidence["rows_read"] == 200001);  // (31702 kept + 34965 removed) x 3 participants
  CHECK(scan.evidence["calls"] == 9);
  CHECK(scan.evidence["total_ms"] == 508);
  CHECK(scan.summary == "Seq Scan on blog_post reads 200001 rows on each of 9 calls (508.0 ms over the log); "
                        "see the proposed indexes.");
  CHECK(scan.fix_sql.empty());
  CHECK(contains(scan.fix_django, "an index on blog_post (published)"));

  list.calls = 4;  // below frequent_calls
  CHECK(plan_findings(list, analyzed(recorded_plan("blog_post_list"))).empty());

  // The NOT IN's subplan reads the whole assignee table: the largest scan is the one reported.
  QueryTemplate not_in = make_template(
      "SELECT \"todos_todo\".\"id\" FROM \"todos_todo\" WHERE (NOT (\"todos_todo\".\"id\" IN (SELECT U0.\"todo_id\" "
      "FROM \"todos_todoassignee\" U0 WHERE U0.\"is_completed\")) AND \"todos_todo\".\"priority\" >= 9) LIMIT 50",
      5, 600);
  auto subplan = plan_findings(not_in, analyzed(recorded_plan("todo_not_in")));
  CHECK(kinds(subplan) == std::set<std::string>{"seq_scan_large_frequent"});
  CHECK(finding_of(subplan, "seq_scan_large_frequent").evidence["relation"] == "todos_todoassignee");
  CHECK(finding_of(subplan, "seq_scan_large_frequent").evidence["rows_read"] == 300000);
}

TEST_CASE("a scan whose filter discards nearly every row it reads", "[findings]") {
  QueryTemplate not_in = make_template(
      "SELECT \"todos_todo\".\"id\" FROM \"todos_todo\" WHERE (NOT (\"todos_todo\".\"id\" IN (SELECT U0.\"todo_id\" "
      "FROM \"todos_todoassignee\" U0 WHERE U0.\"is_completed\")) AND \"todos_todo\".\"priority\" >= 9) LIMIT 50",
      1, 125);
  // 8105 removed, 50 kept: 99.4%, but fewer than 10,000 rows by default.
  CHECK(plan_findings(not_in, analyzed(recorded_plan("todo_not_in"))).empty());
  PlanFindingOptions options;
  options.filter_min_removed = 8000;
  auto findings = plan_findings(not_in, analyzed(recorded_plan("todo_not_in")), options);
  const Finding& filter = finding_of(findings, "filter_discards");
  CHECK(filter.evidence["relation"] == "todos_todo");
  CHECK(filter.evidence["rows_removed"] == 8105);
  CHECK(filter.evidence["rows_kept"] == 50);
  CHECK(filter.evidence["share"] == Approx(0.9939));
  CHECK(filter.evidence["columns"] == nlohmann::json({"priority"}));
  CHECK(filter.fix_sql.empty());
  CHECK(contains(filter.summary, "see the proposed indexes"));

  // A lossy bitmap's recheck is not a filter.
  QueryTemplate range = make_template("SELECT count(*) FROM blog_comment WHERE post_id BETWEEN 150000 AND 155000", 1, 41);
  CHECK(plan_findings(range, analyzed(recorded_plan("comment_range_bitmap"))).empty());

  // A lookup on an unindexed column, by hand: 99999 rows read to keep one.
  PlanNode scan = node("Seq Scan", "users_user", 1, 1, 1, 12);
  scan.filter = "((email)::text = 'a@example.com'::text)";
  scan.rows_removed_by_filter = 99999;
  QueryTemplate lookup = make_template("SELECT id FROM users_user WHERE email = 'a@example.com'", 1, 12);
  auto lookups = plan_findings(lookup, analyzed(plan_of(scan, 12.1)));
  CHECK(kinds(lookups) == std::set<std::string>{"filter_discards"});
  const Finding& discard = finding_of(lookups, "filter_discards");
  CHECK(discard.evidence["rows_removed"] == 99999);
  CHECK(discard.evidence["share"] == Approx(0.99999));
  CHECK(discard.summary ==
        "Seq Scan on users_user read 100000 rows and its filter ((email)::text = 'a@example.com'::text) discarded "
        "99999 of them (100.0%), keeping 1; see the proposed indexes.");
}

TEST_CASE("a row estimate off by orders of magnitude: ANALYZE and extended statistics", "[findings]") {
  PlanNode scan = node("Seq Scan", "users_user", 50, 40000, 1, 30);
  scan.filter = "(((status)::text = 'active'::text) AND is_staff)";
  scan.rows_removed_by_filter = 60000;
  PlanNode limit = node("Limit", "", 50, 40000, 1, 35);
  limit.children.push_back(scan);
  QueryTemplate tmpl = make_template("SELECT id FROM users_user WHERE status = 'active' AND is_staff LIMIT 50000", 2, 70);
  auto findings = plan_findings(tmpl, analyzed(plan_of(limit, 36)));
  const Finding& miss = finding_of(findings, "misestimate");
  CHECK(miss.severity == Severity::High);  // the scan is most of the plan
  CHECK(miss.evidence["relation"] == "users_user");
  CHECK(miss.evidence["estimated"] == 50);
  CHECK(miss.evidence["actual"] == 40000);
  CHECK(miss.evidence["factor"] == 800);
  CHECK(miss.evidence["columns"] == nlohmann::json({"status", "is_staff"}));
  CHECK(miss.fix_sql ==
        "CREATE STATISTICS users_user_status_is_staff_stats (dependencies, mcv) ON status, is_staff FROM users_user;\n"
        "ANALYZE users_user;");
  CHECK(contains(miss.fix_django, "migrations.RunSQL("));
  CHECK(contains(miss.fix_django, "reverse_sql=\"DROP STATISTICS IF EXISTS users_user_status_is_staff_stats;\""));
  CHECK(contains(miss.summary, "was estimated at 50 rows but returned 40000 (800x under-estimated)"));

  // One column: ANALYZE alone.
  QueryTemplate one = make_template("SELECT id FROM users_user WHERE status = 'active' LIMIT 50000", 2, 70);
  limit.children[0].filter = "((status)::text = 'active'::text)";
  auto one_column = plan_findings(one, analyzed(plan_of(limit, 36)));
  const Finding& analyze = finding_of(one_column, "misestimate");
  CHECK(analyze.fix_sql == "ANALYZE users_user;");
  CHECK(contains(analyze.fix_django, "reverse_sql=migrations.RunSQL.noop"));

  // Too few rows to matter.
  PlanNode small = node("Seq Scan", "users_user", 1, 500, 1, 1);
  CHECK(plan_findings(one, analyzed(plan_of(small, 1))).empty());
}

TEST_CASE("a Limit above a sorted (streaming) aggregate cuts its input short: not a misestimate", "[findings]") {
  // annotate(n=Count('comments')).filter(n__gt=0)[:20]: Limit -> GroupAggregate -> Merge Left Join
  // of two index scans, stopped after 35 of the 500000 comments the planner expects.
  QueryTemplate tmpl = make_template(
      "SELECT p.id, COUNT(c.id) FROM blog_post p LEFT JOIN blog_comment c ON p.id = c.post_id GROUP BY p.id "
      "HAVING COUNT(c.id) > 0 LIMIT 20",
      1, 0.4);
  PlanNode comments = node("Index Scan", "blog_comment", 500000, 35, 1, 0.2);
  PlanNode posts = node("Index Scan", "blog_post", 200000, 37, 1, 0.02);
  PlanNode join = node("Merge Join", "", 500000, 51, 1, 0.24);
  join.children = {posts, comments};
  PlanNode group = node("Aggregate", "", 66667, 20, 1, 0.26);
  group.strategy = "Sorted";
  group.children = {join};
  PlanNode limit = node("Limit", "", 20, 20, 1, 0.26);
  limit.children = {group};
  CHECK(kinds(plan_findings(tmpl, analyzed(plan_of(limit, 0.3)))).count("misestimate") == 0);
  // A hashed aggregate reads all its input before the Limit sees a row: that error is real.
  limit.children[0].strategy = "Hashed";
  CHECK(kinds(plan_findings(tmpl, analyzed(plan_of(limit, 0.3)))).count("misestimate") == 1);
}
