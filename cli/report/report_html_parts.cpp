#include "cli/report/report_html_parts.hpp"

#include "advisor/findings/sql_gist.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <set>

#include "cli/report/report_origins.hpp"
#include "cli/report/report_values.hpp"
#include "cli/report/svg_chart.hpp"
#include "plans/text_format.hpp"

namespace pgadvisor {

using nlohmann::json;

namespace {

constexpr size_t kSegmentColours = 8;  // .seg-0 … .seg-7 in the stylesheet


const json* template_with(const json& report, const std::string& fingerprint) {
  if (!report.contains("templates") || !report["templates"].is_array()) return nullptr;
  for (const auto& entry : report["templates"])
    if (text_at(entry, "fingerprint") == fingerprint) return &entry;
  return nullptr;
}

struct BeforeAfter {
  double before_ms = 0, after_ms = 0;
  bool measured = false;  // --verify timed every template; otherwise estimated from costs
};

// The time of a proposal's templates over the log before and after the proposals.
BeforeAfter before_after_of(const json& report, const json& index) {
  const json& effects = list_at(index, "per_template");
  BeforeAfter result;
  result.measured = !effects.empty() && std::all_of(effects.begin(), effects.end(), [](const json& effect) {
    return optional_number_at(effect, "verified_before_ms") && optional_number_at(effect, "verified_after_ms");
  });
  for (const auto& effect : effects) {
    double calls = number_at(effect, "calls");
    if (result.measured) {
      result.before_ms += calls * number_at(effect, "verified_before_ms");
      result.after_ms += calls * number_at(effect, "verified_after_ms");
      continue;
    }
    // saved = calls × ms per cost × (cost before − cost after), so before = saved × before / (before − after).
    double cost_before = number_at(effect, "cost_before"), cost_after = number_at(effect, "cost_after");
    double saved = number_at(effect, "saved_ms");
    if (cost_before > cost_after && cost_before > 0 && saved > 0) {
      double before = saved * cost_before / (cost_before - cost_after);
      result.before_ms += before;
      result.after_ms += std::max(0.0, before - saved);
    } else if (const json* entry = template_with(report, text_at(effect, "fingerprint"))) {
      result.before_ms += number_at(*entry, "total_ms");
      result.after_ms += number_at(*entry, "total_ms");
    }
  }
  return result;
}

std::string pre(const std::string& text) { return "<pre>" + escape_markup(text) + "</pre>"; }

// A long statement (an inline id list) cut, saying how much the JSON report has besides.
std::string shortened_statement(const std::string& sql) {
  constexpr size_t kShownChars = 1500;
  if (sql.size() <= kShownChars + 100) return sql;
  std::string shown = shorten_text(sql, kShownChars);
  return shown + fmt::format("\n-- ({} more characters: see the JSON report)", sql.size() - shown.size() + 3);
}

}  // namespace

std::string report_stylesheet() {
  std::string css = R"CSS(
:root { --ink: #1f2933; --muted: #5f6b7a; --line: #d9e2ec; --accent: #2563eb; --before: #c2410c; --after: #15803d; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #eef1f5;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 36px 48px; background: #fff; }
h1 { margin: 0 0 8px; font-size: 24px; } h2 { font-size: 18px; margin: 0 0 10px; padding-bottom: 4px;
  border-bottom: 2px solid var(--line); } h3 { font-size: 15px; margin: 0 0 6px; word-break: break-all; }
section { margin-top: 32px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; word-break: break-word; }
p.warning { color: #b00020; font-weight: 600; margin: 6px 0 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; }
.figure { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
.figure .value { display: block; font-size: 22px; font-weight: 600; }
.figure .label { display: block; color: var(--muted); font-size: 12px; }
pre, code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; }
pre { background: #f4f6f8; border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px; margin: 6px 0;
  white-space: pre-wrap; word-break: break-word; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
th { background: #f8fafc; font-weight: 600; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.muted, .note { color: var(--muted); } .note { font-size: 13px; }
p.caption { margin: 10px 0 0; font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; }
.severity { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: 600; }
.severity-high { background: #fee2e2; color: #991b1b; } .severity-medium { background: #fef3c7; color: #92400e; }
.severity-low { background: #e0f2fe; color: #075985; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
figure.chart-figure { margin: 18px 0; }
svg.chart { display: block; max-width: 900px; }
svg .chart-caption { font-size: 13px; font-weight: 600; fill: var(--ink); }
svg .chart-label { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; fill: var(--ink); }
svg .chart-value, svg .chart-legend, svg .chart-limit-label, svg .chart-empty { fill: var(--muted); }
svg .chart-limit { stroke: #b91c1c; stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .time { fill: #94a3b8; } svg .time.served { fill: var(--accent); }
svg .before { fill: var(--before); } svg .after { fill: var(--after); }
svg .budget { fill: #eef2f7; stroke: #94a3b8; }
svg .bar.size { stroke: #fff; stroke-width: 1; }
@media print {
  body { background: #fff; font-size: 10.5pt; } main { max-width: none; padding: 0; }
  section, .card, figure, tr, pre { break-inside: avoid; } h2, h3 { break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)CSS";
  const char* palette[kSegmentColours] = {"#2563eb", "#0d9488", "#d97706", "#7c3aed",
                                          "#db2777", "#65a30d", "#0891b2", "#dc2626"};
  for (size_t i = 0; i < kSegmentColours; ++i) css += fmt::format("svg .seg-{} {{ fill: {}; }}\n", i, palette[i]);
  return css;
}

std::string time_by_template_chart(const json& report, size_t top) {
  std::set<std::string> served;
  for (const auto& index : list_at(report, "indexes"))
    for (const auto& fingerprint : list_at(index, "templates"))
      if (fingerprint.is_string()) served.insert(fingerprint.get<std::string>());
  std::vector<const json*> templates;
  for (const auto& entry : list_at(report, "templates")) templates.push_back(&entry);
  const bool timed = log_has_durations(report);  // else (plain SQL) by replayed time × calls
  std::stable_sort(templates.begin(), templates.end(), [&](const json* a, const json* b) {
    return ranking_time_ms(*a, timed) > ranking_time_ms(*b, timed);
  });
  if (templates.size() > top) templates.resize(top);

  BarChart chart;
  chart.css_class = "chart-time";
  chart.title = timed ? fmt::format("Time by template: the {} slowest in total over the log", templates.size())
                      : fmt::format("Time by template: the {} slowest by replayed time × calls (the log has no durations)",
                                    templates.size());
  for (const json* entry : templates) {
    double total = ranking_time_ms(*entry, timed), calls = number_at(*entry, "calls");
    std::string sql = text_at(*entry, "normalized_sql");
    bool is_served = served.count(text_at(*entry, "fingerprint")) > 0;
    std::string hover = timed ? fmt::format("{} over {:.0f} calls (mean {})", human_ms(total), calls,
                                            human_ms(number_at(*entry, "mean_ms")))
                              : fmt::format("{} replayed × {:.0f} calls", human_ms(total), calls);
    chart.rows.push_back({compact_sql(sql), shorten_text(sql, 2000),
                          fmt::format("{} \u00b7 {:.0f} calls", human_ms(total), calls),
                          {ChartBar{total, is_served ? "time served" : "time", hover}}});
  }
  chart.legend = {{"time served", "served by a proposed index"}, {"time", "not served"}};
  return render_bar_chart(chart);
}

std::string proposals_before_after_chart(const json& report) {
  BarChart chart;
  chart.css_class = "chart-proposals";
  chart.title = "Before and after, per proposed index: time of the templates it serves, over the log";
  chart.value_width = 230;
  for (const auto& index : list_at(report, "indexes")) {
    BeforeAfter times = before_after_of(report, index);
    std::string how = times.measured ? "measured by --verify" : "estimated from planner costs";
    std::string costs = fmt::format("planner cost {:.1f} \u2192 {:.1f}", number_at(index, "cost_before"),
                                    number_at(index, "cost_after"));
    chart.rows.push_back(
        {text_at(index, "name"), text_at(index, "ddl"),
         fmt::format("{} \u2192 {} ({})", human_ms(times.before_ms), human_ms(times.after_ms),
                     times.measured ? "measured" : "estimated"),
         {ChartBar{times.before_ms, "before", fmt::format("before: {}, {}; {}", human_ms(times.before_ms), how, costs)},
          ChartBar{times.after_ms, "after", fmt::format("after: {}, {}; {}", human_ms(times.after_ms), how, costs)}}});
  }
  chart.legend = {{"before", "before"}, {"after", "after (with all the proposed indexes)"}};
  return render_bar_chart(chart);
}

std::string size_against_budget_chart(const json& report) {
  const json& selection = object_at(report, "selection");
  double budget = number_at(selection, "budget_bytes");
  BarChart chart;
  chart.css_class = "chart-budget";
  chart.layout = BarLayout::stacked;
  chart.value_width = 190;
  ChartRow proposed{"proposed indexes", "", "", {}};
  double total = 0;
  size_t position = 0;
  for (const auto& index : list_at(report, "indexes")) {
    double size = number_at(index, "size_bytes");
    std::string name = text_at(index, "name");
    std::string colour = fmt::format("seg-{}", position++ % kSegmentColours);
    proposed.bars.push_back({size, "size " + colour, name + ": " + human_bytes(static_cast<long long>(size))});
    chart.legend.push_back({colour, name + " (" + human_bytes(static_cast<long long>(size)) + ")"});
    total += size;
  }
  const std::string total_text = human_bytes(static_cast<long long>(total));
  if (budget > 0) {
    const std::string budget_text = human_bytes(static_cast<long long>(budget));
    chart.title = "Size of the proposed indexes against the budget";
    chart.rows.push_back({"budget", "", budget_text, {ChartBar{budget, "budget", "budget: " + budget_text}}});
    proposed.value_text = fmt::format("{} ({:.0f}% of the budget)", total_text, 100.0 * total / budget);
    chart.limit = budget;
    chart.limit_label = "budget " + budget_text;
  } else {
    chart.title = "Size of the proposed indexes, by index (no budget set)";
    proposed.value_text = total_text + ", no budget";
  }
  chart.rows.push_back(proposed);
  return render_bar_chart(chart);
}

std::string rewrites_section(const json& report) {
  const json& rewrites = list_at(report, "rewrites");
  if (rewrites.empty()) return "";
  std::string out = "<section class=\"rewrites\"><h2>Query rewrites</h2>";
  for (const auto& rewrite : rewrites) {
    std::string facts = fmt::format("template {} \u00b7 {:.0f} calls", text_at(rewrite, "fingerprint"), number_at(rewrite, "calls"));
    auto before = optional_number_at(rewrite, "before_ms"), after = optional_number_at(rewrite, "after_ms");
    if (before && after) facts += " \u00b7 " + human_ms(*before) + " \u2192 " + human_ms(*after);
    if (auto speedup = optional_number_at(rewrite, "speedup")) facts += fmt::format(" ({:.1f}\u00d7 faster)", *speedup);
    if (rewrite.is_object() && rewrite.contains("verified_equal") && rewrite["verified_equal"].is_boolean())
      facts += rewrite["verified_equal"].get<bool>() ? " \u00b7 same results" : " \u00b7 results differ";
    out += "<article class=\"card rewrite\"><h3>" + escape_markup(text_at(rewrite, "kind")) + " \u2014 " +
           escape_markup(text_at(rewrite, "verdict")) + "</h3><p class=\"note\">" + escape_markup(facts) + "</p>";
    out += "<p class=\"caption\">Original</p>" + pre(shortened_statement(text_at(rewrite, "original_sql")));
    std::string steps;
    size_t step = 0;
    for (const auto& sql : list_at(rewrite, "steps"))
      if (sql.is_string())
        steps += fmt::format("{}-- step {}\n{}\n", steps.empty() ? "" : "\n", ++step, shortened_statement(sql.get<std::string>()));
    if (!steps.empty()) out += "<p class=\"caption\">Rewritten</p>" + pre(steps);
    if (!text_at(rewrite, "django").empty()) out += "<p class=\"caption\">In Django</p>" + pre(text_at(rewrite, "django"));
    for (const char* key : {"comparison", "reason", "django_note", "size_note"})
      if (!text_at(rewrite, key).empty()) out += "<p class=\"note\">" + escape_markup(text_at(rewrite, key)) + "</p>";
    out += "</article>";
  }
  return out + "</section>\n";
}

std::string drop_suggestions_section(const json& report) {
  const json& drops = list_at(report, "drop_suggestions");
  if (drops.empty()) return "";
  std::string out = "<section class=\"drops\"><h2>Indexes to drop</h2>";
  for (const auto& drop : drops) {
    std::string facts = "on " + text_at(drop, "table") + " \u00b7 " + text_at(drop, "kind") + " \u00b7 " +
                        human_bytes(static_cast<long long>(number_at(drop, "size_bytes")));
    if (!text_at(drop, "covered_by").empty()) facts += " \u00b7 covered by " + text_at(drop, "covered_by");
    out += "<article class=\"card drop\"><h3>" + escape_markup(text_at(drop, "index")) + "</h3><p class=\"note\">" +
           escape_markup(facts) + "</p><p>" + escape_markup(text_at(drop, "reason")) + "</p>" + pre(text_at(drop, "ddl"));
    const json& caveats = list_at(drop, "caveats");
    if (!caveats.empty()) {
      out += "<ul class=\"caveats\">";
      for (const auto& caveat : caveats)
        if (caveat.is_string()) out += "<li>" + escape_markup(caveat.get<std::string>()) + "</li>";
      out += "</ul>";
    }
    out += "</article>";
  }
  return out + "</section>\n";
}

std::string routes_section(const json& report, size_t shown) {
  const std::vector<RouteRow> routes = routes_of(report);
  if (routes.empty()) return "";
  std::string out = fmt::format("<section class=\"routes\"><h2>By route ({})</h2><table><thead><tr><th>Route (view) or "
                                "application</th><th class=\"num\">Templates</th><th class=\"num\">Calls</th><th "
                                "class=\"num\">Time</th><th class=\"num\">Findings</th></tr></thead><tbody>",
                                routes.size());
  for (size_t i = 0; i < routes.size() && i < shown; ++i)
    out += fmt::format("<tr><td><code>{}</code></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
                       "class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                       escape_markup(routes[i].name), routes[i].templates, routes[i].calls,
                       escape_markup(human_ms(routes[i].total_ms)), routes[i].findings);
  return out + "</tbody></table></section>\n";
}

std::string diagnostics_section(const json& report, size_t shown) {
  const json& diagnostics = list_at(report, "diagnostics");
  if (diagnostics.empty()) return "";
  std::string out = fmt::format("<section class=\"diagnostics\"><h2>Diagnostics ({})</h2>", diagnostics.size());
  if (diagnostics.size() > shown) out += fmt::format("<p class=\"note\">The first {} of {}.</p>", shown, diagnostics.size());
  out += "<table><thead><tr><th>Where</th><th>Message</th><th>Statement</th></tr></thead><tbody>";
  for (size_t i = 0; i < diagnostics.size() && i < shown; ++i) {
    const json& diagnostic = diagnostics[i];
    std::string where = text_at(diagnostic, "source");
    if (!text_at(diagnostic, "line").empty()) where += ":" + text_at(diagnostic, "line");
    out += "<tr><td>" + escape_markup(where) + "</td><td>" + escape_markup(text_at(diagnostic, "message")) +
           "</td><td><code>" + escape_markup(shorten_text(one_line(text_at(diagnostic, "statement"), 100000), 200)) +
           "</code></td></tr>";
  }
  return out + "</tbody></table></section>\n";
}

}  // namespace pgadvisor
