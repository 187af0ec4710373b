// The SVG bar charts of the HTML report: one <rect class="bar …"> per bar, widths on one scale,
// stacked bars end to end, the limit line, the legend, and every text escaped.
#include <catch2/catch.hpp>

#include <regex>

#include "cli/report/svg_chart.hpp"

using namespace pgadvisor;

namespace {

size_t occurrences(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

std::vector<double> bar_widths(const std::string& svg) {
  std::vector<double> widths;
  std::regex bar(R"re(<rect class="bar[^"]*" x="[^"]*" y="[^"]*" width="([0-9.]+)")re");
  for (std::sregex_iterator it(svg.begin(), svg.end(), bar), end; it != end; ++it) widths.push_back(std::stod((*it)[1]));
  return widths;
}

}  // namespace

TEST_CASE("escape_markup escapes the five markup characters", "[html][svg]") {
  CHECK(escape_markup("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  CHECK(escape_markup("plain") == "plain");
}

TEST_CASE("shorten_text cuts on characters, not bytes, and marks the cut", "[html][svg]") {
  CHECK(shorten_text("short", 10) == "short");
  CHECK(shorten_text("abcdefghij", 5) == "abcd\u2026");
  CHECK(shorten_text("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", 4) == "\u00e9\u00e9\u00e9\u2026");
  CHECK(shorten_text("\u00e9\u00e9\u00e9", 3) == "\u00e9\u00e9\u00e9");
}

TEST_CASE("a grouped chart draws one bar per value on a common scale", "[html][svg]") {
  BarChart chart;
  chart.css_class = "chart-test";
  chart.title = "Before & after";
  chart.rows.push_back({"first <row>", "full text of the first row", "100 ms", {{100, "before", "b1"}, {50, "after", "a1"}}});
  chart.rows.push_back({"second", "", "25 ms", {{25, "before", ""}, {0, "after", ""}}});
  chart.legend = {{"before", "before"}, {"after", "after"}};
  std::string svg = render_bar_chart(chart);

  CHECK(svg.rfind("<svg class=\"chart chart-test\"", 0) == 0);
  CHECK(svg.find("<title>Before &amp; after</title>") != std::string::npos);
  CHECK(svg.find("first &lt;row&gt;") != std::string::npos);
  CHECK(svg.find("<row>") == std::string::npos);
  CHECK(svg.find("<title>full text of the first row</title>") != std::string::npos);
  CHECK(occurrences(svg, "<rect class=\"bar") == 4);
  CHECK(occurrences(svg, "<rect class=\"swatch") == 2);
  CHECK(svg.find("http") == std::string::npos);

  std::vector<double> widths = bar_widths(svg);
  REQUIRE(widths.size() == 4);
  CHECK(widths[1] == Approx(widths[0] / 2).margin(0.1));
  CHECK(widths[2] == Approx(widths[0] / 4).margin(0.1));
  CHECK(widths[3] == 0);
}

TEST_CASE("a stacked chart lays the bars end to end, within the limit line", "[html][svg]") {
  BarChart chart;
  chart.css_class = "chart-stack";
  chart.title = "Size";
  chart.layout = BarLayout::stacked;
  chart.limit = 200;
  chart.limit_label = "budget";
  chart.rows.push_back({"sizes", "", "150 of 200", {{100, "seg-0", ""}, {50, "seg-1", ""}}});
  std::string svg = render_bar_chart(chart);

  CHECK(svg.find("class=\"chart-limit\"") != std::string::npos);
  CHECK(svg.find(">budget</text>") != std::string::npos);
  std::vector<double> widths = bar_widths(svg);
  REQUIRE(widths.size() == 2);
  CHECK(widths[0] == Approx(widths[1] * 2).margin(0.1));
  double room = chart.width - chart.label_width - chart.value_width;
  CHECK(widths[0] + widths[1] == Approx(room * 0.75).margin(0.2));
}

TEST_CASE("an empty chart says there is nothing to show", "[html][svg]") {
  BarChart chart;
  chart.title = "Nothing";
  std::string svg = render_bar_chart(chart);
  CHECK(svg.find("nothing to show") != std::string::npos);
  CHECK(occurrences(svg, "<rect") == 0);
  CHECK(svg.substr(svg.size() - 6) == "</svg>");
}
