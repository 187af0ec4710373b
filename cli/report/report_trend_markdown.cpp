#include "cli/report/report_trend_markdown.hpp"

#include <fmt/format.h>

#include "advisor/findings/sql_gist.hpp"
#include "cli/report/markdown_cells.hpp"
#include "cli/report/report_values.hpp"
#include "cli/report/trend_values.hpp"
#include "plans/text_format.hpp"

namespace pgadvisor {
namespace {

using nlohmann::json;
using namespace markdown;

std::string more(size_t shown, size_t all) {
  return all > shown ? fmt::format("\n_... and {} more in the JSON report._\n", all - shown) : "";
}

void write_runs(std::string& out, const json& trend) {
  const json& runs = list_at(trend, "runs");
  out += fmt::format("\n#### Trend over {} run{} of {}\n\n", runs.size(), runs.size() == 1 ? "" : "s",
                     code(text_at(trend, "database")));
  out += table_head({"run (UTC)", "templates", "replayed", "logged", "findings high/medium/low"}, "lrrrr");
  for (const auto& run : runs)
    out += row({text(run_label(run)), std::to_string(integer_at(run, "templates")), human_ms(number_at(run, "replayed_ms")),
                human_ms(number_at(run, "logged_ms")), findings_by_severity(run)});
  size_t skipped = list_at(trend, "skipped").size();
  if (skipped > 0)
    out += fmt::format("\n_{} file{} of the history skipped: not earlier reports of this audit._\n", skipped,
                       skipped == 1 ? "" : "s");
}

void write_regressions(std::string& out, const json& trend, size_t top) {
  const json& regressions = list_at(trend, "regressions");
  if (regressions.empty()) return;
  out += "\n" + table_head({"regression", "calls", "a call, run by run", "why"}, "lrll");
  for (size_t i = 0; i < regressions.size() && i < top; ++i) {
    const json& entry = regressions[i];
    std::string reasons;
    for (const auto& reason : list_at(entry, "reasons")) reasons += (reasons.empty() ? "" : "; ") + text(text_at(reason, "text"));
    out += row({code(compact_sql(text_at(entry, "normalized_sql")), 60), std::to_string(integer_at(entry, "calls")),
                time_per_run(trend, text_at(entry, "fingerprint")), reasons});
  }
  out += more(top, regressions.size());
}

void write_findings(std::string& out, const json& trend, const char* key, const char* heading, size_t top) {
  const json& findings = list_at(trend, key);
  if (findings.empty()) return;
  out += fmt::format("\n**{}**\n\n", heading) + table_head({"severity", "kind", "statement", "summary"}, "llll");
  for (size_t i = 0; i < findings.size() && i < top; ++i)
    out += row({text(text_at(findings[i], "severity")), text(text_at(findings[i], "kind")),
                code(compact_sql(text_at(findings[i], "normalized_sql")), 50), text(one_line(text_at(findings[i], "summary"), 160))});
  out += more(top, findings.size());
}

void write_templates(std::string& out, const json& trend, const char* key, const char* heading, size_t top) {
  const json& templates = list_at(trend, key);
  if (templates.empty()) return;
  out += fmt::format("\n**{}:** ", heading);
  for (size_t i = 0; i < templates.size() && i < top; ++i)
    out += (i == 0 ? "" : ", ") + code(compact_sql(text_at(templates[i], "normalized_sql")), 50);
  out += templates.size() > top ? fmt::format(" and {} more\n", templates.size() - top) : "\n";
}

}  // namespace

std::string trend_to_markdown(const json& report, size_t top) {
  const json& trend = object_at(report, "trend");
  if (trend.empty()) return "";
  std::string out;
  write_runs(out, trend);
  if (text_at(trend, "previous").empty())
    return out + "\nNo earlier report of this audit in the history: nothing to compare with yet.\n";
  out += fmt::format("\nSince the previous run ({}): {}\n", code(text_at(trend, "previous")), text(changes_summary(trend)));
  write_regressions(out, trend, top);
  write_findings(out, trend, "new_findings", "New findings", top);
  write_findings(out, trend, "fixed_findings", "Fixed findings", top);
  write_templates(out, trend, "new_templates", "New templates", top);
  write_templates(out, trend, "gone_templates", "Gone templates", top);
  return out;
}

}  // namespace pgadvisor
