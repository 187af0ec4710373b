#include "cli/report/report_html_trend.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "advisor/findings/sql_gist.hpp"
#include "cli/report/report_values.hpp"
#include "cli/report/svg_chart.hpp"
#include "cli/report/trend_values.hpp"
#include "plans/text_format.hpp"

namespace pgadvisor {
namespace {

using nlohmann::json;

constexpr size_t kTemplatesShown = 10;
constexpr size_t kListed = 20;

std::string escaped(const std::string& text) { return escape_markup(text); }

std::string runs_chart(const json& trend) {
  BarChart chart;
  chart.css_class = "chart-runs";
  chart.title = "Replayed time of the log, run by run (calls \u00d7 replayed time a call)";
  chart.label_width = 220;
  for (const auto& run : list_at(trend, "runs")) {
    double ms = number_at(run, "replayed_ms");
    bool current = flag_at(run, "current", false);
    std::string label = run_label(run, false);
    chart.rows.push_back({label, text_at(run, "file").empty() ? label : text_at(run, "file"),
                          fmt::format("{} \u00b7 {} templates", human_ms(ms), integer_at(run, "templates")),
                          {ChartBar{ms, current ? "time served" : "time", label + ": " + human_ms(ms)}}});
  }
  chart.legend = {{"time", "earlier runs"}, {"time served", "this run"}};
  return render_bar_chart(chart);
}

std::string runs_table(const json& trend) {
  std::string out = "<table class=\"runs\"><thead><tr><th>Run (UTC)</th><th>Report</th><th class=\"num\">Templates</th>"
                    "<th class=\"num\">Replayed</th><th class=\"num\">Logged</th><th class=\"num\">Findings high/medium/low</th>"
                    "</tr></thead><tbody>";
  for (const auto& run : list_at(trend, "runs"))
    out += fmt::format("<tr><td>{}</td><td><code>{}</code></td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                       "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                       escaped(run_label(run)), escaped(text_at(run, "file")), integer_at(run, "templates"),
                       escaped(human_ms(number_at(run, "replayed_ms"))), escaped(human_ms(number_at(run, "logged_ms"))),
                       findings_by_severity(run));
  return out + "</tbody></table>";
}

std::string regressions_chart(const json& trend) {
  BarChart chart;
  chart.css_class = "chart-regressions";
  chart.title = "Regressions since the previous run: replayed time a call, then and now";
  for (const auto& entry : list_at(trend, "regressions")) {
    auto before = optional_number_at(entry, "before_ms"), after = optional_number_at(entry, "after_ms");
    if (!before || !after) continue;
    std::string sql = text_at(entry, "normalized_sql");
    chart.rows.push_back({compact_sql(sql), shorten_text(sql, 2000),
                          fmt::format("{} \u2192 {}", human_ms(*before), human_ms(*after)),
                          {ChartBar{*before, "time", "previous run: " + human_ms(*before)},
                           ChartBar{*after, "before", "this run: " + human_ms(*after)}}});
  }
  if (chart.rows.empty()) return "";
  chart.legend = {{"time", "previous run"}, {"before", "this run"}};
  return "<figure class=\"chart-figure\">" + render_bar_chart(chart) + "</figure>";
}

std::string reasons_of(const json& entry) {
  std::string out;
  for (const auto& reason : list_at(entry, "reasons")) out += (out.empty() ? "" : "; ") + text_at(reason, "text");
  return out;
}

// The slowest templates of this run (the series' order), their time a call in every run.
std::string templates_table(const json& trend) {
  const json& templates = list_at(trend, "templates");
  if (templates.empty()) return "";
  std::string out = fmt::format("<h3>Time a call, run by run (the {} slowest templates)</h3><table class=\"series\"><thead>"
                                "<tr><th>Template</th>", std::min(templates.size(), kTemplatesShown));
  for (const auto& run : list_at(trend, "runs")) out += "<th class=\"num\">" + escaped(run_label(run, false)) + "</th>";
  out += "</tr></thead><tbody>";
  for (size_t i = 0; i < templates.size() && i < kTemplatesShown; ++i) {
    std::string sql = text_at(templates[i], "normalized_sql");
    out += "<tr><td><code title=\"" + escaped(shorten_text(sql, 2000)) + "\">" +
           escaped(shorten_text(compact_sql(sql), 90)) + "</code></td>";
    for (const auto& ms : list_at(templates[i], "ms"))
      out += "<td class=\"num\">" + escaped(ms.is_number() ? human_ms(ms.get<double>()) : "\u2014") + "</td>";
    out += "</tr>";
  }
  return out + "</tbody></table>";
}

// The changes since the previous run, one row each.
std::string changes_table(const json& trend) {
  std::string rows;
  size_t listed = 0;
  auto add = [&](const std::string& what, const std::string& statement, const std::string& detail) {
    if (listed++ < kListed)
      rows += "<tr><td>" + what + "</td><td><code>" + escaped(shorten_text(compact_sql(statement), 120)) + "</code></td><td>" +
              escaped(detail) + "</td></tr>";
  };
  for (const auto& entry : list_at(trend, "regressions"))
    add("<strong>regression</strong>", text_at(entry, "normalized_sql"), reasons_of(entry));
  for (const auto& [key, what] : {std::pair{"new_findings", "new finding"}, std::pair{"fixed_findings", "fixed finding"}})
    for (const auto& entry : list_at(trend, key))
      add(fmt::format("{0} <span class=\"severity severity-{1}\">{1}</span>", what, escaped(text_at(entry, "severity"))),
          text_at(entry, "normalized_sql"), text_at(entry, "kind") + ": " + text_at(entry, "summary"));
  for (const auto& entry : list_at(trend, "faster")) add("faster", text_at(entry, "normalized_sql"), reasons_of(entry));
  for (const auto& entry : list_at(trend, "new_templates")) add("new template", text_at(entry, "normalized_sql"), "");
  for (const auto& entry : list_at(trend, "gone_templates")) add("gone template", text_at(entry, "normalized_sql"), "");
  if (rows.empty()) return "";
  std::string more = listed > kListed ? fmt::format("<p class=\"note\">... and {} more in the JSON report.</p>", listed - kListed) : "";
  return "<table class=\"changes\"><thead><tr><th>Change</th><th>Statement</th><th>Detail</th></tr></thead><tbody>" + rows +
         "</tbody></table>" + more;
}

}  // namespace

std::string trend_section(const json& report) {
  const json& trend = object_at(report, "trend");
  if (trend.empty()) return "";
  const size_t runs = list_at(trend, "runs").size();
  std::string out = fmt::format("<section class=\"trend\"><h2>Trend over {} run{} of {}</h2>", runs, runs == 1 ? "" : "s",
                                escaped(text_at(trend, "database")));
  out += "<figure class=\"chart-figure\">" + runs_chart(trend) + "</figure>" + runs_table(trend);
  size_t skipped = list_at(trend, "skipped").size();
  if (skipped > 0)
    out += fmt::format("<p class=\"note\">{} file{} of the history skipped: not earlier reports of this audit.</p>", skipped,
                       skipped == 1 ? "" : "s");
  if (text_at(trend, "previous").empty())
    return out + "<p class=\"note\">No earlier report of this audit in the history: nothing to compare with yet.</p></section>\n";
  out += "<h3>Since the previous run (" + escaped(text_at(trend, "previous")) + "): " + escaped(changes_summary(trend)) + "</h3>";
  out += regressions_chart(trend) + changes_table(trend) + templates_table(trend);
  return out + "</section>\n";
}

}  // namespace pgadvisor
