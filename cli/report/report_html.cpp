#include "cli/report/report_html.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cli/report/report_html_parts.hpp"
#include "cli/report/report_html_trend.hpp"
#include "cli/report/report_origins.hpp"
#include "cli/report/report_stages.hpp"
#include "cli/report/svg_chart.hpp"
#include "plans/text_format.hpp"
#include "plans/workload/replay_identity_json.hpp"

namespace pgadvisor {

using nlohmann::json;

namespace {

constexpr size_t kChartTemplates = 12;
constexpr size_t kDiagnosticsShown = 20;
constexpr size_t kRoutesShown = 20;

std::string escaped(const std::string& text) { return escape_markup(text); }

std::string server_text(const json& report) {
  auto version = optional_number_at(report, "server_version");
  if (!version) return "unknown";
  long long number = static_cast<long long>(*version);
  if (number >= 100000) return fmt::format("PostgreSQL {}.{}", number / 10000, number % 10000);
  return fmt::format("PostgreSQL {}.{}.{}", number / 10000, number / 100 % 100, number % 100);
}

std::string per_log_and_day(double ms, const std::optional<double>& per_day) {
  return per_day ? fmt::format("{} ({} per day)", human_ms(ms), human_ms(*per_day)) : human_ms(ms);
}

std::string pre(const std::string& text, const std::string& css_class = "") {
  std::string class_attribute = css_class.empty() ? "" : " class=\"" + css_class + "\"";
  return "<pre" + class_attribute + ">" + escaped(text) + "</pre>";
}

std::string header_section(const json& report) {
  std::string logs;
  for (const auto& log : list_at(report, "logs"))
    if (log.is_string()) logs += (logs.empty() ? "" : ", ") + log.get<std::string>();
  std::string first = text_at(report, "first_timestamp"), last = text_at(report, "last_timestamp");
  std::string span = first.empty() && last.empty() ? "no timestamps in the log" : first + " \u2013 " + last;
  auto fact = [](const std::string& name, const std::string& value) {
    return "<dt>" + name + "</dt><dd>" + escaped(value) + "</dd>";
  };
  const ReplayIdentity identity =
      replay_identity_from_json(report.is_object() ? report.value("replay_role", json::object()) : json::object());
  std::string warnings;
  for (const auto& warning : identity.warnings) warnings += "<p class=\"warning\"><strong>Warning:</strong> " + escaped(warning) + "</p>";
  std::string incomplete;
  if (report.is_object() && report.value("interrupted", false))
    incomplete += "<p class=\"warning incomplete\"><strong>Interrupted (Ctrl-C):</strong> this report holds only what "
                  "was measured before.</p>";
  for (const auto& gap : list_at(report, "incomplete"))
    incomplete += "<p class=\"warning incomplete\"><strong>Advice incomplete:</strong> " + escaped(text_at(gap, "cause")) +
                  ". Fix: " + escaped(text_at(gap, "fix")) + ".</p>";
  std::string filtered;  // what --database, --since, ... left out
  for (const auto& diagnostic : list_at(report, "diagnostics"))
    if (text_at(diagnostic, "source") == "filters") filtered += "<p class=\"note\">Filtered: " + escaped(text_at(diagnostic, "message")) + "</p>";
  return "<header class=\"report-header\"><h1>pgadvisor audit</h1>" + incomplete + "<dl class=\"facts\">" +
         fact("Database", text_at(report, "database")) + fact("Server", server_text(report)) + fact("Logs", logs) +
         fact("Replayed as", replay_identity_sentence(identity)) + fact("Statements", text_at(report, "statements")) +
         fact("Templates", std::to_string(list_at(report, "templates").size())) + fact("Span", span) +
         "</dl>" + warnings +
         (flag_at(report, "redacted", false) ? "<p class=\"note\">Redacted (--redact): the statements' literal values are placeholders.</p>" : "") +
         filtered + "</header>\n";
}

std::string figure(const std::string& value, const std::string& label) {
  return "<div class=\"figure\"><span class=\"value\">" + escaped(value) + "</span><span class=\"label\">" +
         escaped(label) + "</span></div>";
}

std::string summary_section(const json& report) {
  const json& selection = object_at(report, "selection");
  const json& verification = object_at(report, "verification");
  auto per_day = optional_number_at(selection, "net_saved_ms_per_day");
  double budget = number_at(selection, "budget_bytes");
  const json& findings = list_at(report, "findings");
  auto high = std::count_if(findings.begin(), findings.end(), [](const json& f) { return text_at(f, "severity") == "high"; });
  std::string out = "<section class=\"summary\"><h2>Summary</h2><div class=\"figures\">";
  out += figure(human_ms(number_at(selection, "net_saved_ms")), "net saving over the log (write cost deducted)");
  out += figure(per_day ? human_ms(*per_day) : "\u2014", per_day ? "net saving per day" : "per day: the log has no timestamps");
  out += figure(std::to_string(list_at(report, "indexes").size()), "proposed indexes");
  out += figure(human_bytes(static_cast<long long>(number_at(selection, "total_size_bytes"))),
                budget > 0 ? "their size, of a " + human_bytes(static_cast<long long>(budget)) + " budget"
                           : "their size (no budget)");
  out += figure(std::to_string(findings.size()), fmt::format("findings, {} high", high));
  out += figure(std::to_string(list_at(report, "rewrites").size()), "query rewrites");
  out += figure(std::to_string(list_at(report, "drop_suggestions").size()), "indexes to drop");
  if (flag_at(verification, "ran", false))
    out += figure(fmt::format("{} \u2192 {}", human_ms(number_at(verification, "weighted_before_ms")),
                              human_ms(number_at(verification, "weighted_after_ms"))),
                  "verified: measured time of the affected templates");
  out += "</div>";
  if (!text_at(verification, "note").empty()) out += "<p class=\"note\">Verification: " + escaped(text_at(verification, "note")) + "</p>";
  return out + "</section>\n";
}

std::string charts_section(const json& report) {
  std::string out = "<section class=\"charts\"><h2>Charts</h2>";
  for (const std::string& chart : {time_by_template_chart(report, kChartTemplates), proposals_before_after_chart(report),
                                   size_against_budget_chart(report)})
    out += "<figure class=\"chart-figure\">" + chart + "</figure>";
  return out + "</section>\n";
}

const json& template_of(const json& report, const std::string& fingerprint) {
  for (const auto& entry : list_at(report, "templates"))
    if (text_at(entry, "fingerprint") == fingerprint) return entry;
  static const json none = json::object();
  return none;
}

std::string sql_of_template(const json& report, const std::string& fingerprint) {
  return text_at(template_of(report, fingerprint), "normalized_sql");
}

// " · from post_list 10 calls" for a muted line; "" when the origins are unknown.
std::string from_origins(const char* word, const json& origins) {
  const std::string line = origins_line(origins);
  return line.empty() ? "" : " \u00b7 " + std::string(word) + " " + escaped(line);
}

std::string evidence_table(const json& report, const json& index) {
  const bool verified_column = flag_at(object_at(report, "verification"), "ran", false);
  std::string out = "<table class=\"evidence\"><thead><tr><th>Template</th><th class=\"num\">Calls</th>"
                    "<th class=\"num\">Cost before</th><th class=\"num\">Cost after</th><th>Plan before \u2192 after</th>"
                    "<th class=\"num\">Saves</th>";
  out += verified_column ? "<th class=\"num\">Verified a call</th></tr></thead><tbody>" : "</tr></thead><tbody>";
  for (const auto& effect : list_at(index, "per_template")) {
    std::string fingerprint = text_at(effect, "fingerprint");
    auto verified_before = optional_number_at(effect, "verified_before_ms");
    auto verified_after = optional_number_at(effect, "verified_after_ms");
    std::string verified = verified_before && verified_after
                               ? fmt::format("{} \u2192 {}", human_ms(*verified_before), human_ms(*verified_after))
                               : "\u2014";
    std::string saves = human_ms(number_at(effect, "saved_ms"));
    if (!flag_at(effect, "time_scale_measured", true)) saves += " (time scale borrowed)";
    out += fmt::format(
        "<tr><td><code>{}</code><br><span class=\"muted\">{}{}</span></td><td class=\"num\">{:.0f}</td>"
        "<td class=\"num\">{:.1f}</td><td class=\"num\">{:.1f}</td><td><code>{}</code><br>\u2192 <code>{}</code></td>"
        "<td class=\"num\">{}</td>{}</tr>",
        escaped(shorten_text(compact_sql(sql_of_template(report, fingerprint)), 160)), escaped(fingerprint),
        from_origins("from", list_at(template_of(report, fingerprint), "origins")),
        number_at(effect, "calls"), number_at(effect, "cost_before"), number_at(effect, "cost_after"),
        escaped(text_at(effect, "plan_before")), escaped(text_at(effect, "plan_after")), escaped(saves),
        verified_column ? "<td class=\"num\">" + escaped(verified) + "</td>" : "");
  }
  return out + "</tbody></table>";
}

std::string proposals_section(const json& report) {
  const json& indexes = list_at(report, "indexes");
  std::string out = "<section class=\"proposals\"><h2>Proposed indexes</h2>";
  if (indexes.empty()) out += "<p class=\"note\">None: no candidate lowers a template's cost enough.</p>";
  const json& selection = object_at(report, "selection");
  bool has_per_day = optional_number_at(selection, "net_saved_ms_per_day").has_value();
  for (const auto& index : indexes) {
    auto saved_per_day = has_per_day ? optional_number_at(index, "saved_ms_per_day") : std::nullopt;
    out += "<article class=\"card proposal\"><h3>" + escaped(text_at(index, "name")) + "</h3>";
    out += "<p class=\"note\">on " + escaped(text_at(index, "table")) + " \u00b7 size " +
           escaped(human_bytes(static_cast<long long>(number_at(index, "size_bytes")))) + " \u00b7 saves " +
           escaped(per_log_and_day(number_at(index, "saved_ms"), saved_per_day)) + " \u00b7 write cost " +
           escaped(human_ms(number_at(index, "write_ms"))) + from_origins("serves", list_at(index, "origins")) + "</p>";
    out += pre(text_at(index, "ddl"), "ddl") + evidence_table(report, index) + "</article>";
  }
  const json& served = list_at(report, "already_served");
  if (!served.empty()) {
    out += fmt::format("<h3>Candidates existing indexes already serve ({})</h3><table class=\"served\"><thead><tr>"
                       "<th>Candidate</th><th>Served by</th></tr></thead><tbody>", served.size());
    for (const auto& entry : served)
      out += "<tr><td><code>" + escaped(text_at(entry, "ddl")) + "</code></td><td>" +
             escaped(text_at(entry, "existing_index")) + "</td></tr>";
    out += "</tbody></table>";
  }
  return out + "</section>\n";
}

std::string findings_section(const json& report) {
  const json& findings = list_at(report, "findings");
  if (findings.empty()) return "";
  std::string out = "<section class=\"findings\"><h2>Findings</h2><table><thead><tr><th>Severity</th><th>Kind</th>"
                    "<th>Summary and fixes</th><th class=\"num\">Saving</th></tr></thead><tbody>";
  for (const auto& finding : findings) {
    std::string severity = text_at(finding, "severity");
    std::string fixes;
    if (!text_at(finding, "fix_sql").empty()) fixes += pre(text_at(finding, "fix_sql"), "fix-sql");
    if (!text_at(finding, "fix_django").empty()) fixes += pre(text_at(finding, "fix_django"), "fix-django");
    auto saving = optional_number_at(finding, "saving_ms");
    const std::string from = origins_line(list_at(finding, "origins"), 3, false);
    if (!from.empty()) fixes = "<br><span class=\"muted\">from " + escaped(from) + "</span>" + fixes;
    out += fmt::format("<tr><td><span class=\"severity severity-{0}\">{0}</span></td><td>{1}</td><td>{2}{3}</td>"
                       "<td class=\"num\">{4}</td></tr>",
                       escaped(severity), escaped(text_at(finding, "kind")), escaped(text_at(finding, "summary")), fixes,
                       saving ? escaped(human_ms(*saving)) : "\u2014");
  }
  return out + "</tbody></table></section>\n";
}

std::string footer(const json& report) {
  const json& selection = object_at(report, "selection");
  std::string out = "<footer><p class=\"note\">Selection: " + escaped(text_at(selection, "method")) +
                    fmt::format("; {:.0f} candidates ({:.0f} useful); {:.0f} what-if requests, {:.0f} cache hits, "
                                "{:.0f} plans; advisor time {:.1f} s.",
                                number_at(selection, "candidates"), number_at(selection, "useful_candidates"),
                                number_at(selection, "whatif_requests"), number_at(selection, "whatif_cache_hits"),
                                number_at(selection, "whatif_plans"), number_at(selection, "advisor_seconds"));
  if (!text_at(selection, "exact_note").empty()) out += " " + escaped(text_at(selection, "exact_note"));
  return out + "</p><p class=\"note\">Costs are planner units; times are over the whole log. Generated by pgadvisor.</p></footer>\n";
}

}  // namespace

std::string report_to_html(const json& report) {
  std::string title = "pgadvisor audit";
  if (!text_at(report, "database").empty()) title += " \u2014 " + text_at(report, "database");
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escaped(title) +
         "</title><style>" + report_stylesheet() + "</style></head>\n<body><main>\n" + header_section(report) +
         summary_section(report) + trend_section(report) + charts_section(report) + routes_section(report, kRoutesShown) +
         proposals_section(report) + findings_section(report) +
         rewrites_section(report) + drop_suggestions_section(report) + stages_html(report) +
         diagnostics_section(report, kDiagnosticsShown) +
         footer(report) + "</main></body></html>\n";
}

}  // namespace pgadvisor
