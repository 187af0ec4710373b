#include "cli/report/report_formats.hpp"

#include <fstream>

#include "advisor/baseline_compare.hpp"
#include "cli/report/report_html.hpp"
#include "cli/report/report_markdown.hpp"
#include "cli/report/report_text.hpp"
#include "cli/report/report_trend_text.hpp"
#include "plans/fatal_error.hpp"
#include "plans/json_text.hpp"

namespace pgadvisor {

std::string render_report(const nlohmann::json& report, const std::string& format, size_t top, const TextStyle& style) {
  if (format == "json") return dump_json(report, 2) + "\n";
  if (format == "markdown") return report_to_markdown(report, top);
  if (format == "html") return report_to_html(report);
  std::string text = report_to_text(report, top, style);
  if (report.contains("baseline")) text += baseline_to_text(report["baseline"]);
  if (report.contains("trend")) text += trend_to_text(report["trend"], top, style);
  return text;
}

nlohmann::json read_report_file(const std::string& path, const std::string& what) {
  std::ifstream in(path);
  if (!in) throw FatalError(FatalKind::Input, what + ": cannot read " + path);
  nlohmann::json report = nlohmann::json::parse(in, nullptr, false);
  if (report.is_discarded() || !report.is_object() || !report.contains("version") || !report.contains("templates") ||
      report.value("format", "pgadvisor-report") != "pgadvisor-report")
    throw FatalError(FatalKind::Usage, what + ": " + path + " is not a pgadvisor JSON report (audit --format json)");
  return report;
}

}  // namespace pgadvisor
