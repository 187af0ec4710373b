// Queries traced to views: fixtures/blog/logs/tagged/ (manage.py traffic_tagged, the findings
// views behind URL patterns, their SQL tagged by a sqlcommenter-style middleware, application_name
// "blog"). Templates, findings and proposals carry the routes that sent them, through the saved
// workload too; the N+1 finding names its view; every report format shows where a query comes from.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/support/findings_report.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

const std::string kTaggedLog = "blog/logs/tagged/postgresql.log";

json templates_of(const std::string& log) {
  CommandResult result = run_pgadvisor("templates --format json --log " + shell_quote(fixture_path(log)));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out);
}

// The template whose SQL contains every part and none of `unwanted`; null when none.
json template_with(const json& report, const std::vector<std::string>& parts, const std::string& unwanted = "\x01") {
  for (const auto& tmpl : report["templates"]) {
    const std::string sql = tmpl["normalized_sql"];
    bool all = sql.find(unwanted) == std::string::npos;
    for (const auto& part : parts) all = all && sql.find(part) != std::string::npos;
    if (all) return tmpl;
  }
  return nullptr;
}

const std::vector<std::string> kCommentsOfAPost = {"FROM \"blog_comment\"", "\"blog_comment\".\"post_id\" = $1"};

std::set<std::string> names_of(const json& origins) {
  std::set<std::string> names;
  for (const auto& origin : origins) names.insert(origin["controller"].is_string() ? origin["controller"].get<std::string>() : "");
  return names;
}

}  // namespace

TEST_CASE("templates of a tagged log carry their routes, and the tags split no template", "[cli][tracing]") {
  const json tagged = templates_of(kTaggedLog);
  const json untagged = templates_of("blog/logs/findings.log");  // the same views, called directly
  std::set<std::string> tagged_fingerprints, untagged_fingerprints;
  for (const auto& tmpl : tagged["templates"]) tagged_fingerprints.insert(tmpl["fingerprint"]);
  for (const auto& tmpl : untagged["templates"]) untagged_fingerprints.insert(tmpl["fingerprint"]);
  CHECK(tagged_fingerprints == untagged_fingerprints);
  for (const auto& tmpl : tagged["templates"]) {
    CHECK(tmpl["normalized_sql"].get<std::string>().find("/*") == std::string::npos);
    CHECK(tmpl["sample"]["sql"].get<std::string>().find("/*") == std::string::npos);
  }

  const json comments = template_with(tagged, kCommentsOfAPost, "COUNT");
  REQUIRE(comments.is_object());
  REQUIRE(comments["origins"].size() == 1);
  const json& origin = comments["origins"][0];
  CHECK(origin["route"] == "posts/comments/");
  CHECK(origin["controller"] == "post_comments");
  CHECK(origin["application"] == "blog");  // application_name, from app=%a in the prefix
  CHECK(origin["calls"] == 10);

  SECTION("one template called from two views has both, with their calls") {
    const json user = template_with(tagged, {"FROM \"users_user\"", "\"users_user\".\"id\" = $1"});
    REQUIRE(user.is_object());
    CHECK(names_of(user["origins"]) == std::set<std::string>{"user_banned", "front_page"});
    for (const auto& origin : user["origins"]) {
      CHECK(origin["calls"] == 1);
      // the front page's route is the empty pattern: an origin without a route, named by its view
      CHECK(origin["route"] == (origin["controller"] == "user_banned" ? json("users/<int:user_id>/banned/") : json(nullptr)));
    }
  }
  SECTION("statements without tags are counted under the application") {
    const json set_time_zone = template_with(tagged, {"SET TIME ZONE"});
    REQUIRE(set_time_zone.is_object());
    REQUIRE(set_time_zone["origins"].size() == 1);
    CHECK(set_time_zone["origins"][0]["route"].is_null());
    CHECK(set_time_zone["origins"][0]["application"] == "blog");
    CHECK(set_time_zone["origins"][0]["calls"] == set_time_zone["calls"]);
  }
  SECTION("Django's own log of the run has the same tags, with URL-decoded routes") {
    const json django = templates_of("blog/logs/tagged/django.log");
    const json detail = template_with(django, {"\"blog_post\".\"body\"", "WHERE \"blog_post\".\"id\" = $1"});
    REQUIRE(detail.is_object());
    REQUIRE(detail["origins"].size() == 1);
    CHECK(detail["origins"][0]["route"] == "posts/<int:post_id>/");
    CHECK(detail["origins"][0]["controller"] == "post_detail");
    CHECK(detail["origins"][0]["application"].is_null());  // Django's log has no application_name
  }
  SECTION("the text listing says where each template comes from") {
    CommandResult text = run_pgadvisor("templates --log " + shell_quote(fixture_path(kTaggedLog)));
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("from: posts/comments/ (post_comments) 10 calls") != std::string::npos);
  }
  SECTION("an untagged log without application_name has no origins") {
    for (const auto& tmpl : untagged["templates"]) CHECK(tmpl["origins"].empty());
  }
}

TEST_CASE("an audit of a tagged log traces templates, findings and indexes to their views", "[pg][tracing]") {
  const TempDir dir("tracing");
  const std::string path = dir.file("report.json");
  CommandResult audit = run_pgadvisor("audit -q --runs 1 --no-rewrites --format json --db " + shell_quote(test_dsn()) +
                                      " --log " + shell_quote(fixture_path(kTaggedLog)) + " -o " + shell_quote(path));
  INFO(audit.err);
  REQUIRE(audit.exit_code == 0);
  const json report = json::parse(read_text_file(path));

  const json* n_plus_one = finding_on(report, "n_plus_one", kCommentsOfAPost);
  REQUIRE(n_plus_one != nullptr);
  REQUIRE((*n_plus_one)["origins"].size() == 1);  // the view its two templates share
  CHECK((*n_plus_one)["origins"][0]["controller"] == "post_comments");
  CHECK((*n_plus_one)["origins"][0]["route"] == "posts/comments/");

  const json* duplicates = finding_on(report, "duplicate_queries", {"\"blog_post\".\"body\"", "WHERE \"blog_post\".\"id\" = $1"});
  REQUIRE(duplicates != nullptr);
  CHECK((*duplicates)["origins"][0]["route"] == "posts/<int:post_id>/");

  REQUIRE(!report["indexes"].empty());
  for (const auto& index : report["indexes"]) CHECK(!index["origins"].empty());  // every query here came tagged

  SECTION("text, Markdown and HTML show where a finding and a template come from, and the routes") {
    CommandResult text = run_pgadvisor("report " + shell_quote(path) + " --format text --top 100");
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("By route (") != std::string::npos);
    CHECK(text.out.find("from: posts/comments/ (post_comments) 10 calls") != std::string::npos);  // the template
    CHECK(text.out.find("N+1: blog_comment fetched by post_id 10 times in a row after a query on blog_post (one query per "
                        "row)\n     from: posts/comments/ (post_comments)\n") != std::string::npos);  // the finding
    CHECK(text.out.find("serves: ") != std::string::npos);

    CommandResult markdown = run_pgadvisor("report " + shell_quote(path) + " --format markdown --top 100");
    REQUIRE(markdown.exit_code == 0);
    CHECK(markdown.out.find("#### By route (") != std::string::npos);
    CHECK(markdown.out.find("posts/comments/ (post\\_comments) 10 calls |") != std::string::npos);  // the template
    CHECK(markdown.out.find("| posts/comments/ (post\\_comments) |\n") != std::string::npos);  // the N+1's from
    CHECK(markdown.out.find("posts/&lt;int:post\\_id&gt;/ (post\\_detail)") != std::string::npos);

    CommandResult html = run_pgadvisor("report " + shell_quote(path) + " --format html");
    REQUIRE(html.exit_code == 0);
    CHECK(html.out.find("<h2>By route (") != std::string::npos);
    CHECK(html.out.find("from posts/comments/ (post_comments)</span>") != std::string::npos);  // the N+1 finding
  }
}

TEST_CASE("a saved workload keeps the origins, and its audit traces the N+1 to its view", "[pg][tracing]") {
  const TempDir dir("tracing");
  const std::string path = dir.file("workload.json");
  CommandResult replay = run_pgadvisor("replay -q --runs 1 --db " + shell_quote(test_dsn()) + " --log " +
                                       shell_quote(fixture_path(kTaggedLog)) + " -o " + shell_quote(path));
  INFO(replay.err);
  REQUIRE(replay.exit_code == 0);
  const json workload = json::parse(read_text_file(path));
  const json comments = template_with(workload, kCommentsOfAPost, "COUNT");
  REQUIRE(comments.is_object());
  CHECK(comments["origins"][0]["controller"] == "post_comments");
  CHECK(comments["slowest_call"]["tags"]["route"] == "posts/comments/");

  const json report = audit_without_rewrites("--workload " + shell_quote(path));
  const json* n_plus_one = finding_on(report, "n_plus_one", kCommentsOfAPost);
  REQUIRE(n_plus_one != nullptr);
  CHECK((*n_plus_one)["origins"][0]["controller"] == "post_comments");
}
