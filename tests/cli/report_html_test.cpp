// The HTML report: every text escaped and a sparse report rendered without throwing; and end to
// end, `audit --format html` on the fixture Django log opened in headless Chromium with the
// network cut off — the screenshot is a real picture (not a blank page), the rendered DOM has
// the three charts with bars and the proposals' names, and the page names no http(s) URL.
#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "cli/report/report_html.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

// Headless Chromium with its own profile, no sandbox (the tests run as root), no GPU, and no
// network: every host name fails to resolve and every other request goes to a closed proxy.
std::string chromium(const std::string& profile, const std::string& arguments) {
  return "timeout -k 5 60 chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
         "--no-first-run --no-default-browser-check --disable-extensions --disable-sync "
         "--disable-background-networking --disable-component-update --hide-scrollbars "
         "--host-resolver-rules='MAP * ~NOTFOUND' --proxy-server=127.0.0.1:9 --proxy-bypass-list='<-loopback>' "
         "--window-size=1200,3000 --user-data-dir=" +
         shell_quote(profile) + " " + arguments + " 2>/dev/null";
}

struct PngFacts {
  bool is_png = false;
  uint32_t width = 0, height = 0;
  size_t bytes = 0;
};

// The signature and the IHDR chunk's size fields: enough to tell a PNG and its dimensions.
PngFacts png_facts(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  PngFacts facts;
  facts.bytes = data.size();
  if (data.size() < 24 || data.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 || data.compare(12, 4, "IHDR") != 0) return facts;
  auto big_endian = [&](size_t at) {
    uint32_t value = 0;
    for (size_t i = 0; i < 4; ++i) value = value << 8 | static_cast<unsigned char>(data[at + i]);
    return value;
  };
  facts.is_png = true;
  facts.width = big_endian(16);
  facts.height = big_endian(20);
  return facts;
}

// The <svg> element whose class list is `chart <kind>`, or "".
std::string chart_element(const std::string& dom, const std::string& kind) {
  size_t marker = dom.find("class=\"chart " + kind + "\"");
  if (marker == std::string::npos) return "";
  size_t start = dom.rfind("<svg", marker);
  size_t end = dom.find("</svg>", marker);
  return start == std::string::npos || end == std::string::npos ? "" : dom.substr(start, end + 6 - start);
}

size_t occurrences(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

bool names_a_web_address(const std::string& html) {
  return std::regex_search(html, std::regex("https?:", std::regex::icase));
}

}  // namespace

TEST_CASE("the HTML report escapes every text and renders a sparse report", "[html]") {
  json report = {{"database", "dbname=<shop> & co"},
                 {"server_version", 150004},
                 {"templates", {{{"fingerprint", "f1"}, {"normalized_sql", "SELECT '<script>alert(1)</script>'"},
                                 {"calls", 3}, {"total_ms", 12.5}, {"mean_ms", nullptr}}}},
                 {"indexes", {{{"name", "ix_<b>"}, {"ddl", "CREATE INDEX \"ix_<b>\" ON t (a);"}, {"size_bytes", 8192},
                               {"per_template", {{{"fingerprint", "f1"}, {"calls", 3}, {"cost_before", 100},
                                                  {"cost_after", 10}, {"saved_ms", 9}}}}}}},
                 {"findings", {{{"kind", "n_plus_one"}, {"severity", "high"}, {"summary", "a < b && c > d"}}}},
                 {"selection", nullptr},
                 {"verification", "odd"},
                 {"diagnostics", {{{"source", "log"}, {"line", 7}, {"message", "it's \"odd\""}}}}};
  std::string html = report_to_html(report);

  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("ix_&lt;b&gt;") != std::string::npos);
  CHECK(html.find("a &lt; b &amp;&amp; c &gt; d") != std::string::npos);
  CHECK(html.find("dbname=&lt;shop&gt; &amp; co") != std::string::npos);
  CHECK(html.find("PostgreSQL 15.4") != std::string::npos);
  for (const char* kind : {"chart-time", "chart-proposals", "chart-budget"})
    CHECK(occurrences(chart_element(html, kind), "<rect class=\"bar") >= 1);
  CHECK_FALSE(names_a_web_address(html));

  CHECK_NOTHROW(report_to_html(json::object()));
  CHECK_NOTHROW(report_to_html(json::array()));
}

TEST_CASE("a plain SQL log's time chart ranks by replayed time × calls", "[html]") {
  json report = {{"templates", {{{"fingerprint", "fast"}, {"normalized_sql", "SELECT fast"}, {"calls", 2}, {"total_ms", 0},
                                 {"replay", {{"execution_ms", 3.0}}}},
                                {{"fingerprint", "slow"}, {"normalized_sql", "SELECT slow"}, {"calls", 1}, {"total_ms", 0},
                                 {"replay", {{"execution_ms", 40.0}}}}}}};
  std::string chart = chart_element(report_to_html(report), "chart-time");
  CHECK(chart.find("the 2 slowest by replayed time \u00d7 calls (the log has no durations)") != std::string::npos);
  REQUIRE(chart.find("SELECT slow") != std::string::npos);
  CHECK(chart.find("SELECT slow") < chart.find("SELECT fast"));  // 40 ms before 2 × 3 ms
  CHECK(chart.find("6.00 ms replayed") != std::string::npos);

  // The replay ranks by planning + execution (median_ms): a 30 ms plan of a 1 ms query comes
  // before a 20 ms query, in the chart as in the text and Markdown reports.
  json planned = {{"templates", {{{"fingerprint", "run"}, {"normalized_sql", "SELECT run"}, {"calls", 1}, {"total_ms", 0},
                                  {"replay", {{"execution_ms", 20.0}, {"planning_ms", 0.1}, {"median_ms", 20.1}}}},
                                 {{"fingerprint", "plan"}, {"normalized_sql", "SELECT plan"}, {"calls", 1}, {"total_ms", 0},
                                  {"replay", {{"execution_ms", 1.0}, {"planning_ms", 30.0}, {"median_ms", 31.0}}}}}}};
  std::string by_median = chart_element(report_to_html(planned), "chart-time");
  REQUIRE(by_median.find("SELECT plan") != std::string::npos);
  CHECK(by_median.find("SELECT plan") < by_median.find("SELECT run"));
  CHECK(by_median.find("31.0 ms replayed") != std::string::npos);
}

TEST_CASE("audit --format html renders offline in headless Chromium with its charts", "[pg][html]") {
  REQUIRE(run_shell("command -v chromium >/dev/null") == 0);
  ScratchDirectory scratch;
  const std::string dsn = shell_quote(test_dsn());
  const std::string workload = scratch.path + "/workload.json", html_path = scratch.path + "/report.html";

  // One replay, then two audits of the saved workload: the same proposals in both formats.
  CommandResult replay = run_pgadvisor("replay -q --db " + dsn + " --log " +
                                       shell_quote(fixture_path("blog/logs/django.log")) + " -o " + shell_quote(workload));
  INFO(replay.err);
  REQUIRE(replay.exit_code == 0);
  CommandResult as_json = run_pgadvisor("audit -q --db " + dsn + " --workload " + shell_quote(workload) + " --format json");
  INFO(as_json.err);
  REQUIRE(as_json.exit_code == 0);
  const json report = json::parse(as_json.out);
  REQUIRE(!report["indexes"].empty());
  CommandResult as_html = run_pgadvisor("audit -q --db " + dsn + " --workload " + shell_quote(workload) +
                                        " --format html -o " + shell_quote(html_path));
  INFO(as_html.err);
  REQUIRE(as_html.exit_code == 0);

  const std::string html = read_text_file(html_path);
  REQUIRE(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK_FALSE(names_a_web_address(html));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);

  const std::string blank_path = scratch.path + "/blank.html";
  std::ofstream(blank_path) << "<!DOCTYPE html><html><body></body></html>\n";
  const std::string shot = scratch.path + "/report.png", blank_shot = scratch.path + "/blank.png";
  const std::string profile = scratch.path + "/profile";
  REQUIRE(run_shell(chromium(profile, "--screenshot=" + shell_quote(shot) + " " + shell_quote("file://" + html_path))) == 0);
  REQUIRE(run_shell(chromium(profile, "--screenshot=" + shell_quote(blank_shot) + " " +
                                          shell_quote("file://" + blank_path))) == 0);
  const std::string dom_path = scratch.path + "/dom.html";
  REQUIRE(run_shell(chromium(profile, "--dump-dom " + shell_quote("file://" + html_path)) + " >" + shell_quote(dom_path)) == 0);

  PngFacts picture = png_facts(shot), blank = png_facts(blank_shot);
  REQUIRE(picture.is_png);
  REQUIRE(blank.is_png);
  CHECK(picture.width == 1200);
  CHECK(picture.height == 3000);
  // A page of one colour compresses to almost nothing; the report's text and bars do not.
  CHECK(picture.bytes > 20000);
  CHECK(picture.bytes > 5 * blank.bytes);

  const std::string dom = read_text_file(dom_path);
  REQUIRE(dom.find("<main>") != std::string::npos);
  for (const char* kind : {"chart-time", "chart-proposals", "chart-budget"}) {
    std::string svg = chart_element(dom, kind);
    INFO(kind);
    CHECK(svg.find("<title>") != std::string::npos);
    CHECK(occurrences(svg, "<rect class=\"bar") >= 1);
  }
  CHECK(occurrences(chart_element(dom, "chart-proposals"), "<rect class=\"bar") == 2 * report["indexes"].size());
  for (const auto& index : report["indexes"]) {
    std::string name = index["name"];
    INFO(name);
    CHECK(dom.find("<h3>" + name + "</h3>") != std::string::npos);
    CHECK(chart_element(dom, "chart-proposals").find(name) != std::string::npos);
  }
}
