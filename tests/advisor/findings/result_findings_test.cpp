// Result smells on hand-built analyzed plans: wide rows in a list, COUNT(*) where existence is
// enough, whole rows fetched for len() / `in`; and what each leaves alone.
#include <catch2/catch.hpp>

#include "advisor/findings/result_findings.hpp"
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

TEST_CASE("heavy_columns: many wide rows, not a narrow list, not a few rows", "[findings]") {
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
  // A count over a CTE: its FROM is the CTE's, no EXISTS is written for it
  QueryTemplate with = make_template("WITH c AS (SELECT * FROM blog_comment WHERE post_id = $1) SELECT count(*) FROM c", 1, 8);
  CHECK(result_findings(with, analyzed(plan_of(counted, 1.4))).empty());
  // lower case, across lines: the same finding, its fix keeps the statement's FROM on
  QueryTemplate lower = make_template("select count(*)\nfrom blog_comment where post_id = $1", 1, 8);
  auto found = result_findings(lower, analyzed(plan_of(counted, 1.4)));
  REQUIRE(kinds(found) == std::set<std::string>{"count_for_existence"});
  CHECK(finding_of(found, "count_for_existence").fix_sql == "SELECT EXISTS (SELECT 1 from blog_comment where post_id = $1 LIMIT 1)");
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
  // At any level, read from the parse tree: a count, a LIMIT or a GROUP BY in a subquery, an IN
  // list under OR, in lower case: each says the rows are not fetched to be counted.
  for (const char* sql :
       {"SELECT id, email, is_active, status, (SELECT count(*) FROM blog_post p WHERE p.author_id = u.id) AS n "
        "FROM users_user u WHERE status = $1",
        "SELECT id, email, is_active, status, created FROM (SELECT * FROM users_user LIMIT 5000) u WHERE status = $1",
        "SELECT id, email, is_active, status, created FROM users_user WHERE status = $1 OR id in ($2, $3)",
        "select id, email, is_active, status, created from users_user where id in (select author_id from blog_post "
        "group by author_id)"}) {
    INFO(sql);
    CHECK(result_findings(make_template(sql, 1, 13), analyzed(plan_of(scan, 13))).empty());
  }
}

TEST_CASE("count_as_flag: COUNT(...) selected, grouped and kept where > 0, not other HAVINGs", "[findings]") {
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

TEST_CASE("count_as_flag: names read from the parse tree of Django's SQL, a fallback without a join", "[findings]") {
  // fixtures/blog/logs/findings.log: Post.objects.annotate(n=Count('comments')).filter(n__gt=0)[:20]
  const std::string columns =
      "SELECT \"blog_post\".\"id\", \"blog_post\".\"author_id\", \"blog_post\".\"title\", \"blog_post\".\"slug\", "
      "\"blog_post\".\"body\", \"blog_post\".\"published\", \"blog_post\".\"created_at\", \"blog_post\".\"published_at\", "
      "\"blog_post\".\"view_count\", COUNT(\"blog_comment\".\"id\") AS \"n\" FROM \"blog_post\" LEFT OUTER JOIN "
      "\"blog_comment\" ON (\"blog_post\".\"id\" = \"blog_comment\".\"post_id\") ";
  const std::string tail = "GROUP BY \"blog_post\".\"id\" HAVING COUNT(\"blog_comment\".\"id\") ";
  PlanNode limit = node("Limit", "", 20, 20, 1, 0.5);

  QueryTemplate tmpl = make_template(columns + tail + "> $1 LIMIT $2", 4, 2.0);
  tmpl.sample.params = {std::string("0"), std::string("20")};
  auto findings = result_findings(tmpl, analyzed(plan_of(limit, 0.5)));
  REQUIRE(kinds(findings) == std::set<std::string>{"count_as_flag"});
  const Finding& flag = finding_of(findings, "count_as_flag");
  CHECK(flag.evidence["parent_table"] == "blog_post");
  CHECK(flag.evidence["child_table"] == "blog_comment");
  CHECK(flag.evidence["fk_column"] == "post_id");
  CHECK(flag.evidence["having"] == "COUNT(\"blog_comment\".\"id\") > 0");
  CHECK(contains(flag.fix_django, "Post.objects.filter(Exists(Comment.objects.filter(post=OuterRef('pk'))))"));
  CHECK(contains(flag.fix_django, "guessed from the table names"));
  INFO(flag.fix_sql);
  CHECK(contains(flag.fix_sql, "SELECT blog_post.id, blog_post.author_id, "));
  CHECK(contains(flag.fix_sql, "blog_post.view_count FROM blog_post WHERE EXISTS (SELECT 1 FROM blog_comment WHERE "
                               "blog_comment.post_id = blog_post.id) LIMIT $2"));
  CHECK(!contains(flag.fix_sql, "GROUP BY"));
  CHECK(!contains(flag.fix_sql, "count("));

  // the parent's WHERE is kept, AND-ed; the reverse comparison 0 < COUNT(...) says the same
  QueryTemplate published = make_template(
      columns + "WHERE \"blog_post\".\"published\" " + tail.substr(0, tail.find("HAVING")) +
          "HAVING 0 < COUNT(\"blog_comment\".\"id\") ORDER BY \"blog_post\".\"created_at\" DESC",
      1, 0.5);
  auto kept = result_findings(published, analyzed(plan_of(limit, 0.5)));
  REQUIRE(kinds(kept) == std::set<std::string>{"count_as_flag"});
  INFO(finding_of(kept, "count_as_flag").fix_sql);
  CHECK(contains(finding_of(kept, "count_as_flag").fix_sql,
                 "WHERE blog_post.published AND EXISTS (SELECT 1 FROM blog_comment WHERE blog_comment.post_id = "
                 "blog_post.id) ORDER BY blog_post.created_at DESC"));

  // a WHERE on the child: the names are known, the statement is not rewritten
  QueryTemplate approved =
      make_template(columns + "WHERE \"blog_comment\".\"approved\" " + tail + ">= 1", 1, 0.5);
  auto unrewritten = result_findings(approved, analyzed(plan_of(limit, 0.5)));
  const Finding& shaped = finding_of(unrewritten, "count_as_flag");
  CHECK(shaped.evidence["child_table"] == "blog_comment");
  CHECK(contains(shaped.fix_sql, "WHERE EXISTS (SELECT 1 FROM blog_comment WHERE blog_comment.post_id = "
                                 "blog_post.id AND <the conditions on blog_comment>)"));

  // values('author_id').annotate(...): a group holds several posts, EXISTS per post would return
  // each of them; and a nullable counted column is not "a child row exists": neither is rewritten
  QueryTemplate by_author = make_template(
      "SELECT \"blog_post\".\"author_id\", COUNT(\"blog_comment\".\"id\") AS \"n\" FROM \"blog_post\" LEFT OUTER JOIN "
      "\"blog_comment\" ON (\"blog_post\".\"id\" = \"blog_comment\".\"post_id\") GROUP BY \"blog_post\".\"author_id\" "
      "HAVING COUNT(\"blog_comment\".\"id\") > 0",
      1, 0.5);
  QueryTemplate approved_at = make_template(
      columns + tail.substr(0, tail.find("HAVING")) + "HAVING COUNT(\"blog_comment\".\"approved_at\") > 0", 1, 0.5);
  for (const QueryTemplate* unsafe : {&by_author, &approved_at}) {
    auto found = result_findings(*unsafe, analyzed(plan_of(limit, 0.5)));
    REQUIRE(kinds(found) == std::set<std::string>{"count_as_flag"});
    INFO(finding_of(found, "count_as_flag").fix_sql);
    CHECK(!finding_of(found, "count_as_flag").evidence.contains("parent_table"));
    CHECK(contains(finding_of(found, "count_as_flag").fix_sql, "could not be read"));
  }

  // a real threshold is left alone
  CHECK(result_findings(make_template(columns + tail + "> 5 LIMIT 20", 1, 0.5), analyzed(plan_of(limit, 0.5))).empty());

  // no join: flagged, with a fix that says the names are not known
  QueryTemplate unjoined = make_template(
      "SELECT \"blog_comment\".\"post_id\", COUNT(\"blog_comment\".\"id\") AS \"n\" FROM \"blog_comment\" GROUP BY "
      "\"blog_comment\".\"post_id\" HAVING COUNT(\"blog_comment\".\"id\") > 0",
      1, 0.5);
  auto fallback = result_findings(unjoined, analyzed(plan_of(limit, 0.5)));
  REQUIRE(kinds(fallback) == std::set<std::string>{"count_as_flag"});
  const Finding& generic = finding_of(fallback, "count_as_flag");
  CHECK(!generic.evidence.contains("parent_table"));
  CHECK(contains(generic.fix_sql, "WHERE EXISTS ("));
  CHECK(contains(generic.fix_sql, "could not be read"));
  CHECK(contains(generic.fix_django, "use yours"));
  CHECK(!contains(generic.fix_django, "Post.objects"));
}
