// --redact: the pieces (SQL constants through libpg_query's scanner, plan conditions keeping
// their numbers, Django code's literals) and a real audit's report rendered with --redact in
// every format: no e-mail address of the log is left, names and figures are unchanged.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/report/python_redact.hpp"
#include "cli/report/report_redact.hpp"
#include "plans/sql/sql_redaction.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

TEST_CASE("redact: SQL constants become placeholders, their values are kept for prose", "[cli][redact]") {
  std::set<std::string> taken;
  CHECK(redact_sql_constants("SELECT * FROM u WHERE email = 'a@b.example' AND id = 42 AND note = 'it''s' -- 'c'\n"
                             "AND body = $t$x$t$ AND d > '2024-01-01'::date AND r = 1.5",
                             {true, &taken}) ==
        "SELECT * FROM u WHERE email = '?' AND id = ? AND note = '?' -- 'c'\n"
        "AND body = '?' AND d > '?'::date AND r = ?");
  CHECK(taken == std::set<std::string>{"a@b.example", "it's", "x", "2024-01-01"});
  // a plan's condition keeps its numbers (costs, rows, and constants alike)
  CHECK(redact_sql_constants("(email = 'a@b.example'::text) AND (id = 42)", {false, nullptr}) ==
        "(email = '?'::text) AND (id = 42)");
  CHECK(redact_sql_constants("SELECT 'unterminated") == "<redacted>");
  bool unread = false;
  CHECK(redact_sql_constants("SELECT 'unterminated", {true, nullptr, &unread}) == "SELECT 'unterminated");
  CHECK(unread);
  CHECK(redact_sql_constants("") == "");
  CHECK(redact_sql_constants("-- SELECT count(*) ...") == "-- SELECT count(*) ...");  // a comment alone
}

TEST_CASE("redact: Django code loses its values and keeps its field names", "[cli][redact]") {
  const std::set<std::string> values{"a@b.example", "x-y", "it's"};
  CHECK(redact_python_literals("Post.objects.filter(author__email=\"a@b.example\", id__in=[1, 22], slug=r'x-y')"
                               ".order_by(\"-created_at\")  # 'x-y'",
                               values) ==
        "Post.objects.filter(author__email=..., id__in=[..., ...], slug=...).order_by(\"-created_at\")  # 'x-y'");
  CHECK(redact_python_literals("f(\"\"\"x-y\"\"\", 'it\\'s', x2)", values) == "f(..., 'it\\'s', x2)");
  // a keyword argument's value goes whatever it is (a LIKE's value, a number); slices and == stay
  CHECK(redact_python_literals("qs.filter(Q(name__icontains='bob') | Q(n=3.5))[:10]", {}) ==
        "qs.filter(Q(name__icontains=...) | Q(n=...))[:10]");
  CHECK(redact_python_literals("[r for r in rows if r.status == 'open']", {}) == "[r for r in rows if r.status == 'open']");
}

TEST_CASE("redact: unreadable SQL goes whole, names and timestamps stay, migrations are left out", "[cli][redact]") {
  nlohmann::json report = {
      {"database", "dbname=blog host=db"},
      {"first_timestamp", "2024-06-30 12:00:00 UTC"},
      {"diagnostics", {{{"source", "app.log"}, {"statement", "SELECT 1 WHERE email = 'bob@x.example"},
                        {"message", "syntax error at or near 'bob@x.example"}}}},
      {"templates", {{{"sample", {{"sql", "SELECT * FROM blog_post WHERE slug = 'blog' AND day = '2024-06-30 12:00:00 UTC'"}}}}}},
      {"indexes", {{{"name", "blog_post_slug_idx"}, {"where", "status = 'A'"},
                    {"ddl", "CREATE INDEX blog_post_slug_idx ON blog_post (slug) WHERE status = 'A'"}}}},
      {"findings", {{{"summary", "the filter (slug = 'blog'::text) kept 0 rows of blog_post"},
                     {"evidence", {{"filter", "(slug)::text = 'blog'::text"}}}}}},
      {"migrations", {{"sql", "CREATE INDEX ... WHERE status = 'A';"}, {"django", nullptr}}}};
  redact_report(report);
  CHECK(report["diagnostics"][0]["statement"] == "<redacted>");
  CHECK(report["diagnostics"][0]["message"] == "syntax error at or near '<redacted>");  // its value, taken from the quotes
  CHECK(report["database"] == "dbname=blog host=db");                       // a name, though 'blog' was a constant
  CHECK(report["first_timestamp"] == "2024-06-30 12:00:00 UTC");            // a timestamp, though it was one too
  CHECK(report["templates"][0]["sample"]["sql"] == "SELECT * FROM blog_post WHERE slug = '?' AND day = '?'");
  CHECK(report["indexes"][0]["where"] == "status = '?'");
  CHECK(report["indexes"][0]["ddl"] == "CREATE INDEX blog_post_slug_idx ON blog_post (slug) WHERE status = '?'");
  CHECK(report["indexes"][0]["name"] == "blog_post_slug_idx");
  CHECK(report["findings"][0]["summary"] == "the filter (slug = '<redacted>'::text) kept 0 rows of blog_post");
  CHECK(report["findings"][0]["evidence"]["filter"] == "(slug)::text = '<redacted>'::text");
  CHECK_FALSE(report.contains("migrations"));
  CHECK(report["redacted"] == true);
}

TEST_CASE("redact: a real report in every format, without the log's e-mail addresses", "[pg][cli][redact]") {
  TempDir dir("redact");
  const std::string saved = dir.file("audit.json");
  CommandResult audit = run_pgadvisor("audit -q --runs 1 --db " + shell_quote(test_dsn()) + " --log " +
                                      shell_quote(fixture_path("blog/logs/django.log")) + " -o json:" + shell_quote(saved));
  INFO(audit.err);
  REQUIRE(audit.exit_code == 0);
  const std::string original_text = read_text_file(saved);
  const std::string domains[] = {"@corp.example.com", "@mail.example.com", "@example.org", "@example.net"};
  REQUIRE(original_text.find(domains[0]) != std::string::npos);  // the log's addresses are in the plain report
  json original = json::parse(original_text);

  for (const char* format : {"json", "text", "markdown", "html"}) {
    CommandResult redacted = run_pgadvisor("report --redact --top 100 --format " + std::string(format) + " " + shell_quote(saved));
    INFO(format << ": " << redacted.err);
    REQUIRE(redacted.exit_code == 0);
    for (const auto& domain : domains) CHECK(redacted.out.find(domain) == std::string::npos);
    for (const auto& index : original["indexes"]) CHECK(redacted.out.find(index["name"].get<std::string>()) != std::string::npos);
    if (std::string(format) != "json") continue;
    json report = json::parse(redacted.out);
    CHECK(report["redacted"] == true);
    REQUIRE(report["templates"].size() == original["templates"].size());
    for (size_t i = 0; i < report["templates"].size(); ++i) {
      CHECK(report["templates"][i]["total_ms"] == original["templates"][i]["total_ms"]);  // figures stay
      std::set<std::string> left;
      redact_sql_constants(report["templates"][i]["sample"]["sql"].get<std::string>(), {true, &left});
      CHECK((left.empty() || left == std::set<std::string>{"?"}));  // only placeholders remain
    }
  }
  // a bound parameter's value shows only in EXPLAIN's condition, quoted in a finding's summary
  CommandResult text = run_pgadvisor("report --redact --top 100 " + shell_quote(saved));
  CHECK(original_text.find("'banned'::text") != std::string::npos);
  CHECK(text.out.find("banned") == std::string::npos);
  CHECK(text.out.find("'<redacted>'::text") != std::string::npos);
  CommandResult markdown = run_pgadvisor("report --redact --format markdown " + shell_quote(saved));
  CHECK(markdown.out.find("Redacted (--redact)") != std::string::npos);
}
