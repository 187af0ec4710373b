#include "cli/report/report_stages.hpp"

#include <fmt/format.h>

#include <vector>

#include "cli/report/markdown_cells.hpp"
#include "cli/report/report_text_sections.hpp"
#include "cli/report/report_values.hpp"
#include "cli/report/svg_chart.hpp"

namespace pgadvisor {
namespace {

using nlohmann::json;

struct StageRow {
  std::string name, outcome, seconds, detail;
};

std::string plural(long long count, const char* word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

// "budget 60 s: 4 measurements, 3 not started (budget ran out); 1 measured once (long query)"
std::string detail_of(const json& stage) {
  const std::string outcome = text_at(stage, "outcome");
  if (outcome == "skipped") return "left out (--skip-stage)";
  if (outcome == "failed") return text_at(stage, "error");
  std::vector<std::string> parts;
  const long long measured = integer_at(stage, "measured"), unmeasured = integer_at(stage, "unmeasured");
  const long long once = integer_at(stage, "long_queries");
  const bool replay = text_at(stage, "name") == "replay";
  if (replay && measured > 0) parts.push_back(plural(measured, "sample") + " measured");
  else if (measured > 0 || unmeasured > 0) parts.push_back(plural(measured, "measurement"));
  if (unmeasured > 0) parts.push_back(fmt::format("{} not started: budget ran out", unmeasured));
  if (once > 0) parts.push_back(fmt::format("{} measured once (long query)", once));
  std::string detail;
  if (std::optional<double> budget = optional_number_at(stage, "budget_seconds"))
    detail = fmt::format("budget {:g} s", *budget) + (parts.empty() ? "" : ": ");
  for (size_t i = 0; i < parts.size(); ++i) detail += (i ? ", " : "") + parts[i];
  return detail;
}

std::vector<StageRow> rows_of(const json& report, double& total) {
  std::vector<StageRow> rows;
  total = 0;
  for (const auto& stage : list_at(report, "stages")) {
    const double seconds = number_at(stage, "seconds");
    total += seconds;
    rows.push_back({text_at(stage, "name"), text_at(stage, "outcome"), fmt::format("{:.2f}", seconds), detail_of(stage)});
  }
  return rows;
}

}  // namespace

std::string stages_text(const json& report, const TextStyle& style) {
  double total = 0;
  std::vector<StageRow> rows = rows_of(report, total);
  if (rows.empty()) return "";
  std::string out;
  text_report::title(out, style, "Where the audit's time went");
  out += fmt::format("  {:<16} {:<16} {:>9}\n", "stage", "outcome", "seconds");
  for (const auto& row : rows)
    out += fmt::format("  {:<16} {:<16} {:>9}{}\n", row.name, row.outcome, row.seconds,
                       row.detail.empty() ? "" : "  " + row.detail);
  out += fmt::format("  {:<16} {:<16} {:>9.2f}\n", "(all)", "", total);
  return out;
}

std::string stages_markdown(const json& report) {
  using namespace markdown;
  double total = 0;
  std::vector<StageRow> rows = rows_of(report, total);
  if (rows.empty()) return "";
  std::string out = "\n#### Where the audit's time went\n\n" + table_head({"stage", "outcome", "seconds", ""}, "llrl");
  for (const auto& row : rows) out += markdown::row({text(row.name), text(row.outcome), row.seconds, text(row.detail)});
  return out + markdown::row({"**all**", "", fmt::format("**{:.2f}**", total), ""});
}

std::string stages_html(const json& report) {
  double total = 0;
  std::vector<StageRow> rows = rows_of(report, total);
  if (rows.empty()) return "";
  std::string out = "<section class=\"stages\"><h2>Where the audit's time went</h2><table><thead><tr><th>Stage</th>"
                    "<th>Outcome</th><th class=\"num\">Seconds</th><th></th></tr></thead><tbody>";
  for (const auto& row : rows)
    out += "<tr><td>" + escape_markup(row.name) + "</td><td>" + escape_markup(row.outcome) + "</td><td class=\"num\">" +
           row.seconds + "</td><td>" + escape_markup(row.detail) + "</td></tr>";
  return out + fmt::format("<tr><th>all</th><td></td><th class=\"num\">{:.2f}</th><td></td></tr></tbody></table></section>\n",
                           total);
}

}  // namespace pgadvisor
