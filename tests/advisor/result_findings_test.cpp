// Result smells on hand-built analyzed plans: wide rows in a list, COUNT(*) where existence is
// enough, whole rows fetched for len() / `in`; and what each leaves alone.
#include <catch2/catch.hpp>

#include "advisor/result_findings.hpp"
#include "tests/support/plan_findings_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

PlanNode wide(PlanNode n, int width) {
  n.plan_width = width;
  return n;
}

PlanNode with_child(PlanNode parent, PlanNode child) {
  parent.children.push_back(std::move(child));
  return parent;
}

}  // namespace

TEST_CASE("heavy_columns: many wide rows; not a narrow list, not a few rows", "[findings]") {
  QueryTemplate tmpl = make_template("SELECT id, title, body, created_at FROM blog_post WHERE published LIMIT 500", 3, 6);
  PlanNode scan = wide(node("Seq Scan", "blog_post", 500, 500, 1, 0.4), 287);
  auto findings = result_findings(tmpl, analyzed(plan_of(with_child(wide(node("Limit", "", 500, 500, 1, 0.5), 287), scan), 0.5)));
  CHECK(kinds(findings) == std::set<std::string>{"heavy_columns"});
  const Finding& heavy = finding_of(findings, "heavy_columns");
  CHECK(heavy.evidence["rows"] == 500);
  CHECK(heavy.evidence["plan_width"] == 287);
  CHECK(heavy.evidence["bytes"] == 143500);
  CHECK(contains(heavy.fix_django, ".only("));
  CHECK(contains(heavy.fix_django, "'body'"));  // the selected columns are listed

  PlanNode narrow = wide(node("Seq Scan", "blog_post", 500, 500, 1, 0.4), 40);
  CHECK(result_findings(tmpl, analyzed(plan_of(narrow, 0.5))).empty());
  PlanNode few = wide(node("Seq Scan", "blog_post", 20, 20, 1, 0.4), 287);
  CHECK(result_findings(tmpl, analyzed(plan_of(few, 0.5))).empty());
}

TEST_CASE("count_for_existence: a COUNT(*) over many rows, with the EXISTS form", "[findings]") {
  QueryTemplate tmpl = make_template("SELECT COUNT(*) AS \"__count\" FROM \"blog_comment\" WHERE \"blog_comment\".\"post_id\" = $1", 2, 8);
  PlanNode counted = with_child(node("Aggregate", "", 1, 1, 1, 1.4), node("Bitmap Heap Scan", "blog_comment", 1000, 1077, 1, 1.3));
  auto findings = result_findings(tmpl, analyzed(plan_of(counted, 1.4)));
  CHECK(kinds(findings) == std::set<std::string>{"count_for_existence"});
  const Finding& count = finding_of(findings, "count_for_existence");
  CHECK(count.evidence["rows_counted"] == 1077);
  CHECK(count.fix_sql ==
        "SELECT EXISTS (SELECT 1 FROM \"blog_comment\" WHERE \"blog_comment\".\"post_id\" = $1 LIMIT 1)");
  CHECK(contains(count.fix_django, ".exists()"));

  PlanNode small = with_child(node("Aggregate", "", 1, 1, 1, 0.1), node("Index Scan", "blog_comment", 3, 3, 1, 0.1));
  CHECK(result_findings(tmpl, analyzed(plan_of(small, 0.1))).empty());
  QueryTemplate grouped = make_template("SELECT COUNT(*) FROM blog_comment GROUP BY post_id", 1, 8);
  CHECK(result_findings(grouped, analyzed(plan_of(counted, 1.4))).empty());
}

TEST_CASE("fetch_for_count_or_membership: whole rows, no LIMIT, no ORDER BY, no IN list", "[findings]") {
  QueryTemplate tmpl =
      make_template("SELECT id, email, is_active, status, created FROM users_user WHERE status = $1", 1, 13);
  PlanNode scan = wide(node("Seq Scan", "users_user", 2000, 1963, 1, 13), 51);
  auto findings = result_findings(tmpl, analyzed(plan_of(scan, 13)));
  CHECK(kinds(findings) == std::set<std::string>{"fetch_for_count_or_membership"});
  CHECK(finding_of(findings, "fetch_for_count_or_membership").evidence["rows"] == 1963);

  QueryTemplate ordered =
      make_template("SELECT id, email, is_active, status, created FROM users_user WHERE status = $1 ORDER BY id", 1, 13);
  CHECK(result_findings(ordered, analyzed(plan_of(scan, 13))).empty());
  QueryTemplate prefetch =
      make_template("SELECT id, author_id, bio, website FROM blog_profile WHERE author_id IN ($1, $2, $3)", 1, 3);
  CHECK(result_findings(prefetch, analyzed(plan_of(scan, 13))).empty());
  PlanNode huge = wide(node("Seq Scan", "users_user", 100000, 100000, 1, 20), 51);  // unbounded_result's
  CHECK(result_findings(tmpl, analyzed(plan_of(huge, 20))).empty());
}

TEST_CASE("count_as_flag: COUNT(...) selected, grouped and kept where > 0; not other HAVINGs", "[findings]") {
  const std::string head =
      "SELECT \"blog_post\".\"id\", \"blog_post\".\"title\", COUNT(\"blog_comment\".\"id\") AS \"n\" FROM \"blog_post\" "
      "LEFT OUTER JOIN \"blog_comment\" ON (\"blog_post\".\"id\" = \"blog_comment\".\"post_id\") GROUP BY "
      "\"blog_post\".\"id\" HAVING COUNT(\"blog_comment\".\"id\") ";
  PlanNode limit = node("Limit", "", 20, 20, 1, 0.5);
  QueryTemplate tmpl = make_template(head + "> 0 LIMIT 20", 1, 0.5);
  auto findings = result_findings(tmpl, analyzed(plan_of(limit, 0.5)));
  CHECK(kinds(findings) == std::set<std::string>{"count_as_flag"});
  const Finding& flag = finding_of(findings, "count_as_flag");
  CHECK(flag.evidence["counted"] == "\"blog_comment\".\"id\"");
  CHECK(flag.evidence["rows"] == 20);
  CHECK(contains(flag.fix_django, ".filter(Exists(Comment.objects.filter(post=OuterRef('pk'))))"));
  CHECK(contains(flag.fix_sql, "WHERE EXISTS ("));

  // >= 1 says the same; a normalized $n is read from the sample's parameters
  CHECK(kinds(result_findings(make_template(head + ">= 1", 1, 0.5), analyzed(plan_of(limit, 0.5)))) ==
        std::set<std::string>{"count_as_flag"});
  QueryTemplate normalized = make_template(head + "> $1 LIMIT $2", 1, 0.5);
  normalized.sample.params = {std::string("0"), std::string("20")};
  CHECK(kinds(result_findings(normalized, analyzed(plan_of(limit, 0.5)))) == std::set<std::string>{"count_as_flag"});
  normalized.sample.params = {std::string("5"), std::string("20")};
  CHECK(result_findings(normalized, analyzed(plan_of(limit, 0.5))).empty());

  // a real threshold, no GROUP BY, or a count not selected: left alone
  CHECK(result_findings(make_template(head + "> 5", 1, 0.5), analyzed(plan_of(limit, 0.5))).empty());
  QueryTemplate ungrouped = make_template("SELECT COUNT(\"blog_comment\".\"id\") FROM \"blog_comment\" WHERE \"post_id\" > 0", 1, 0.5);
  CHECK(result_findings(ungrouped, analyzed(plan_of(node("Aggregate", "", 1, 1, 1, 0.5), 0.5))).empty());
  QueryTemplate unselected = make_template(
      "SELECT \"blog_post\".\"id\" FROM \"blog_post\" LEFT OUTER JOIN \"blog_comment\" ON (\"blog_post\".\"id\" = "
      "\"blog_comment\".\"post_id\") GROUP BY \"blog_post\".\"id\" HAVING COUNT(\"blog_comment\".\"id\") > 0",
      1, 0.5);
  CHECK(result_findings(unselected, analyzed(plan_of(limit, 0.5))).empty());
}
