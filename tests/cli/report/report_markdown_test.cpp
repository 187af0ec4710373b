// The Markdown report for pull-request comments: escaping in tables and code spans, the
// sections a hand-made JSON report gives, and (tagged [pg]) the blog fixture's audit rendered
// by Python-Markdown with its tables extension: the tables, one row per proposal, the DDL block.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <regex>

#include "cli/report/report_markdown.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

// The HTML Python-Markdown (Debian's python3-markdown) makes of `markdown`.
std::string render(const std::string& markdown) {
  const TempDir dir("markdown");
  const std::string md = dir.file("report.md"), html = dir.file("report.html");
  std::ofstream(md) << markdown;
  std::string command = "/usr/bin/python3 -c 'import markdown, sys; print(markdown.markdown(sys.stdin.read(), "
                        "extensions=[\"tables\", \"fenced_code\"]))' <" + shell_quote(md) + " >" + shell_quote(html);
  REQUIRE(std::system(command.c_str()) == 0);
  return read_text_file(html);
}

struct HtmlTable {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;  // cells of each body row
};

std::vector<std::string> cells(const std::string& html, const std::string& tag) {
  std::vector<std::string> out;
  std::regex cell("<" + tag + "(?:\\s[^>]*)?>([\\s\\S]*?)</" + tag + ">");  // not <thead> for th
  for (std::sregex_iterator it(html.begin(), html.end(), cell), end; it != end; ++it) out.push_back((*it)[1]);
  return out;
}

std::vector<HtmlTable> tables(const std::string& html) {
  std::vector<HtmlTable> out;
  for (size_t at = html.find("<table>"); at != std::string::npos; at = html.find("<table>", at + 1)) {
    std::string table = html.substr(at, html.find("</table>", at) - at);
    HtmlTable parsed;
    parsed.headers = cells(table, "th");
    size_t body = table.find("<tbody>");
    if (body != std::string::npos)
      for (const auto& tr : cells(table.substr(body), "tr")) parsed.rows.push_back(cells(tr, "td"));
    out.push_back(parsed);
  }
  return out;
}

const HtmlTable* table_with(const std::vector<HtmlTable>& all, const std::vector<std::string>& headers) {
  for (const auto& table : all)
    if (table.headers == headers) return &table;
  return nullptr;
}

json small_report() {
  return json::parse(R"json({
    "version": 1, "statements": 12,
    "templates": [
      {"fingerprint": "t1", "normalized_sql": "SELECT a || b FROM t WHERE c = $1", "calls": 3, "total_ms": 30.0,
       "mean_ms": 10.0, "replay": {"status": "analyzed", "execution_ms": 9.5}},
      {"fingerprint": "t2", "normalized_sql": "SELECT `x` | 1 FROM\n  u", "calls": 1, "total_ms": 2.0,
       "mean_ms": 2.0, "replay": {"status": "refused", "diagnostic": {}}}],
    "indexes": [
      {"schema": null, "table": "t", "name": "t_c_idx", "ddl": "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_c_idx ON t (c);",
       "size_bytes": 8192, "saved_ms": 25.0, "write_ms": 0.5, "saved_ms_per_day": 2500.0, "templates": ["t1"]}],
    "selection": {"total_size_bytes": 8192, "net_saved_ms": 24.5, "net_saved_ms_per_day": 2400.0},
    "findings": [
      {"kind": "count_then_fetch", "severity": "high", "templates": ["t1"], "saving_ms": 3.0,
       "summary": "COUNT(*) then rows | twice via <13565>btree_t_c", "fix_sql": "-- drop it", "fix_django": "len(rows)"},
      {"kind": "duplicate_queries", "severity": "low", "templates": ["t2"], "saving_ms": 0,
       "summary": "same twice", "fix_sql": "", "fix_django": "rows = list(qs)  # ``` inside"},
      {"kind": "duplicate_queries", "severity": "low", "templates": ["t1"], "saving_ms": 0,
       "summary": "same again", "fix_sql": "", "fix_django": "rows = list(qs)  # ``` inside"},
      {"kind": "filter_discards", "severity": "medium", "templates": ["t1"], "saving_ms": 0, "summary": "s",
       "fix_sql": "", "fix_django": "# see the proposed indexes: an index on t (c)"}],
    "rewrites": [{"fingerprint": "t2", "kind": "in_subquery", "verdict": "proposed", "before_ms": 9.0,
                  "after_ms": 3.0, "speedup": 3.0, "reason": null}],
    "drop_suggestions": [{"index": "t_old", "table": "t", "kind": "prefix", "covered_by": "t_c_d",
                          "size_bytes": 16384, "ddl": "DROP INDEX CONCURRENTLY IF EXISTS t_old;"}],
    "diagnostics": [{"source": "x.log", "line": 1, "message": "m", "statement": ""}]
  })json");
}

}  // namespace

TEST_CASE("code spans escape | for GitHub tables and fence backticks with a longer run", "[advisor][markdown]") {
  std::string markdown = report_to_markdown(small_report(), 10);
  CHECK(markdown.find("| `SELECT a \\|\\| b FROM t WHERE c = $1` |") != std::string::npos);
  CHECK(markdown.find("| `` SELECT `x` \\| 1 FROM u `` |") != std::string::npos);
  CHECK(markdown.find("COUNT(\\*) then rows \\| twice via &lt;13565&gt;btree\\_t\\_c") != std::string::npos);
  CHECK(markdown.find("````python\nrows = list(qs)  # ``` inside\n````") != std::string::npos);
  std::string html = render(markdown);
  INFO(markdown + "\n" + html);
  std::vector<HtmlTable> all = tables(html);
  const HtmlTable* templates = table_with(all, {"#", "calls", "total", "mean", "replay", "statement"});
  REQUIRE(templates);
  REQUIRE(templates->rows.size() == 2);
  for (const auto& row : templates->rows) CHECK(row.size() == 6);  // no | split a row
  CHECK(templates->rows[1][4] == "refused");
}

TEST_CASE("the Markdown report's headline and sections", "[advisor][markdown]") {
  json report = small_report();
  std::string markdown = report_to_markdown(report, 10);
  CHECK(markdown.rfind("## pgadvisor audit\n\n**12** statements, **2** templates", 0) == 0);
  CHECK(markdown.find("**1** proposed index (8 kB) saving **24.5 ms** over the log, **2.4 s** a day") != std::string::npos);
  CHECK(markdown.find("**4** findings (1 high, 1 medium, 2 low)") != std::string::npos);
  CHECK(markdown.find("see the proposed indexes") == std::string::npos);  // the index table says it
  CHECK(markdown.find("| 1 | `t_c_idx` | `t` | 8 kB | 25.0 ms (2.5 s/day) | 0.50 ms | #1 |") != std::string::npos);
  CHECK(markdown.find("```sql\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_c_idx ON t (c);\n```") != std::string::npos);
  CHECK(markdown.find("Findings 2, 3 (`duplicate_queries`):") != std::string::npos);  // one entry for one fix
  CHECK(markdown.find("Suggested fixes (2)") != std::string::npos);
  CHECK(markdown.find("| #2 | `in_subquery` | **proposed** | 9.00 ms | 3.00 ms | 3.0x |") != std::string::npos);
  CHECK(markdown.find("| `t_old` | `t` | 16 kB | a prefix of `t_c_d` |") != std::string::npos);
  CHECK(markdown.find("```sql\nDROP INDEX CONCURRENTLY IF EXISTS t_old;\n```") != std::string::npos);
  CHECK(markdown.find("_1 diagnostic: see the text or JSON report._") != std::string::npos);

  report["selection"]["net_saved_ms_per_day"] = nullptr;
  CHECK(report_to_markdown(report, 10).find("a day") == std::string::npos);
  std::string top1 = report_to_markdown(report, 1);
  CHECK(top1.find("Slowest templates (1 of 2") != std::string::npos);
  CHECK(top1.find("Findings (4, the first 1)") != std::string::npos);
  CHECK(top1.find("by total time in the log") != std::string::npos);
  for (auto& entry : report["templates"]) entry["total_ms"] = 0;  // a plain SQL log times nothing
  CHECK(report_to_markdown(report, 1).find("Slowest templates (1 of 2, by replayed time × calls; the log has no durations)") !=
        std::string::npos);
}

TEST_CASE("a baseline comparison is summed up with its regressions", "[advisor][markdown]") {
  json report = small_report();
  report["baseline"] = json::parse(R"json({"baseline": "main.json", "fixed": [{}], "new_findings": [],
    "new_templates": [{}, {}], "gone_templates": [],
    "regressions": [{"normalized_sql": "SELECT 1 | 2", "calls": 4, "before_ms": 1.0, "after_ms": 5.0,
                     "reasons": [{"code": "slower", "text": "5.0x slower"}, {"code": "seq_scan", "text": "Seq Scan on t"}]}]})json");
  std::string markdown = report_to_markdown(report, 10);
  CHECK(markdown.find("#### Against the baseline `main.json`\n\n**1** regression, 1 fixed, 0 new findings, 2 new and 0 gone "
                      "templates\n") != std::string::npos);
  CHECK(markdown.find("| `SELECT 1 \\| 2` | 4 | 1.00 ms | 5.00 ms | 5.0x slower; Seq Scan on t |") != std::string::npos);
}

TEST_CASE("an empty report is a headline alone", "[advisor][markdown]") {
  std::string markdown = report_to_markdown(json::parse(R"({"statements": 0})"), 10);
  CHECK(markdown == "## pgadvisor audit\n\n**0** statements, **0** templates · **0** proposed indexes · **0** findings\n");
}

TEST_CASE("the blog audit as Markdown renders to tables and a DDL block", "[pg][markdown]") {
  CommandResult result = run_pgadvisor("audit --db " + shell_quote(test_dsn()) + " --log " +
                                       shell_quote(fixture_path("blog/logs/django.log")) + " --format markdown");
  REQUIRE(result.exit_code == 0);
  std::string html = render(result.out);
  std::vector<HtmlTable> all = tables(html);
  CHECK(table_with(all, {"#", "calls", "total", "mean", "replay", "statement"}));
  CHECK(table_with(all, {"#", "severity", "kind", "template", "summary", "saves"}));
  const HtmlTable* indexes = table_with(all, {"#", "index", "table", "size", "saves", "write cost", "templates"});
  REQUIRE(indexes);
  REQUIRE_FALSE(indexes->rows.empty());

  // the one sql block with CREATE INDEX: one statement per proposal, each proposal's name in it
  std::smatch block;
  REQUIRE(std::regex_search(html, block, std::regex("<code class=\"language-sql\">(CREATE INDEX[^<]*)</code>")));
  std::string ddl = block[1];
  size_t statements = 0;
  for (size_t at = ddl.find("CREATE INDEX"); at != std::string::npos; at = ddl.find("CREATE INDEX", at + 1)) ++statements;
  CHECK(statements == indexes->rows.size());
  for (const auto& row : indexes->rows) {
    REQUIRE(row.size() == 7);
    std::string name = std::regex_replace(row[1], std::regex("</?code>"), "");
    CHECK(ddl.find(" " + name + " ON ") != std::string::npos);
  }
}
