#include "cli/report/trend_values.hpp"

#include <fmt/format.h>

#include "cli/report/report_values.hpp"
#include "plans/text_format.hpp"

namespace pgadvisor {

using nlohmann::json;

std::string run_label(const json& run, bool mark_current) {
  std::string time = text_at(run, "generated_at");  // 2026-12-07T02:00:00.000Z
  std::string label = time.size() >= 16 ? time.substr(0, 10) + " " + time.substr(11, 5) : time;
  if (label.empty()) label = "?";
  if (mark_current && flag_at(run, "current", false)) label += " (this run)";
  return label;
}

std::string findings_by_severity(const json& run) {
  const json& findings = object_at(run, "findings");
  return fmt::format("{}/{}/{}", integer_at(findings, "high"), integer_at(findings, "medium"), integer_at(findings, "low"));
}

std::string time_per_run(const json& trend, const std::string& fingerprint) {
  for (const auto& entry : list_at(trend, "templates")) {
    if (text_at(entry, "fingerprint") != fingerprint) continue;
    std::string out;
    for (const auto& ms : list_at(entry, "ms"))
      out += (out.empty() ? "" : ", ") + (ms.is_number() ? human_ms(ms.get<double>()) : std::string("-"));
    return out;
  }
  return "";
}

std::string changes_summary(const json& trend) {
  auto count = [&](const char* key, const char* one, const char* many) {
    size_t n = list_at(trend, key).size();
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  size_t timing_only = list_at(trend, "timing_only").size();
  return fmt::format("{}, {}, {}, {}, {}, {}{}", count("regressions", "regression", "regressions"),
                     count("faster", "faster", "faster"), count("new_templates", "new template", "new templates"),
                     count("gone_templates", "gone", "gone"), count("new_findings", "new finding", "new findings"),
                     count("fixed_findings", "fixed finding", "fixed findings"),
                     timing_only ? fmt::format(", {} timing only (same plan)", timing_only) : "");
}

}  // namespace pgadvisor
