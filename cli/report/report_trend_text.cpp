#include "cli/report/report_trend_text.hpp"

#include <fmt/format.h>

#include <functional>

#include "advisor/findings/sql_gist.hpp"
#include "cli/report/report_values.hpp"
#include "cli/report/trend_values.hpp"

namespace pgadvisor {
namespace {

using nlohmann::json;

std::string calls(const json& entry) {
  long long n = integer_at(entry, "calls");
  return fmt::format("{} call{}", n, n == 1 ? "" : "s");
}

void write_runs(std::string& out, const json& trend, const TextStyle& style) {
  const json& runs = list_at(trend, "runs");
  out += "\n" + wrap_line(style, "", fmt::format("Trend over {} run{} of {} (history {}), oldest first", runs.size(),
                                                 runs.size() == 1 ? "" : "s", text_at(trend, "database"),
                                                 text_at(trend, "history")), 2, sgr::bold);
  out += fmt::format("  {:<28} {:>9} {:>10} {:>10}  {}\n", "run (UTC)", "templates", "replayed", "logged", "findings high/medium/low");
  for (const auto& run : runs)
    out += fmt::format("  {:<28} {:>9} {:>10} {:>10}  {}\n", run_label(run), integer_at(run, "templates"),
                       human_ms(number_at(run, "replayed_ms")), human_ms(number_at(run, "logged_ms")),
                       findings_by_severity(run));
  size_t skipped = list_at(trend, "skipped").size();
  if (skipped > 0)
    out += fmt::format("  {} file{} of the history skipped (not earlier reports of this audit: see trend.skipped)\n", skipped,
                       skipped == 1 ? "" : "s");
}

void capped(std::string& out, const json& entries, size_t cap, const std::function<void(const json&)>& write) {
  for (size_t i = 0; i < entries.size() && i < cap; ++i) write(entries[i]);
  if (entries.size() > cap) out += fmt::format("  ... and {} more (in the JSON report)\n", entries.size() - cap);
}

std::string reasons_of(const json& entry) {
  std::string out;
  for (const auto& reason : list_at(entry, "reasons")) out += (out.empty() ? "" : "; ") + text_at(reason, "text");
  return out;
}

}  // namespace

std::string trend_to_text(const json& trend, size_t top, const TextStyle& style) {
  if (!trend.is_object()) return "";
  std::string out;
  write_runs(out, trend, style);
  if (text_at(trend, "previous").empty()) {
    out += wrap_line(style, "", "No earlier report of this audit in the history: nothing to compare with yet.", 2);
    return fit_lines(style, out);
  }
  out += wrap_line(style, "", fmt::format("Since the previous run ({}): {}", text_at(trend, "previous"), changes_summary(trend)),
                   2, sgr::bold);
  auto template_line = [&](const char* tag, const json& entry) {
    out += fmt::format("  {:<11} {} ({}): {}\n", tag, text_at(entry, "fingerprint"), calls(entry),
                       fit_field(style, compact_sql(text_at(entry, "normalized_sql")), 40, 90));
  };
  for (const auto& entry : list_at(trend, "regressions")) {
    template_line("REGRESSION", entry);
    out += wrap_line(style, "     ", reasons_of(entry), 7, sgr::red);
    out += wrap_line(style, "     ", "a call, run by run: " + time_per_run(trend, text_at(entry, "fingerprint")), 7);
  }
  capped(out, list_at(trend, "faster"), top, [&](const json& entry) {
    template_line("faster", entry);
    out += wrap_line(style, "     ", reasons_of(entry), 7, sgr::green);
  });
  capped(out, list_at(trend, "timing_only"), 5, [&](const json& entry) {
    template_line("timing only", entry);
    out += wrap_line(style, "     ", reasons_of(entry) + ", same plan and cost: noise? Run by run: " +
                                        time_per_run(trend, text_at(entry, "fingerprint")), 7);
  });
  capped(out, list_at(trend, "new_templates"), top, [&](const json& entry) { template_line("new", entry); });
  capped(out, list_at(trend, "gone_templates"), top, [&](const json& entry) { template_line("gone", entry); });
  auto finding_line = [&](const char* tag, const json& entry) {
    out += wrap_line(style, "  ", fmt::format("{:<11} [{}] {} (template {}): {}", tag, text_at(entry, "severity"),
                                              text_at(entry, "kind"), text_at(entry, "fingerprint"),
                                              one_line(text_at(entry, "summary"), 90)), 14);
  };
  capped(out, list_at(trend, "new_findings"), top, [&](const json& entry) { finding_line("new finding", entry); });
  capped(out, list_at(trend, "fixed_findings"), top, [&](const json& entry) { finding_line("fixed", entry); });
  return fit_lines(style, out);
}

}  // namespace pgadvisor
