#include "cli/report/templates_report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cli/report/report_origins.hpp"
#include "plans/text_format.hpp"

namespace pgadvisor {

std::vector<const QueryTemplate*> templates_by_total_time(const Workload& workload) {
  std::vector<const QueryTemplate*> sorted;
  for (const auto& tmpl : workload.templates()) sorted.push_back(&tmpl);
  std::stable_sort(sorted.begin(), sorted.end(), [](const QueryTemplate* a, const QueryTemplate* b) {
    if (a->total_ms != b->total_ms) return a->total_ms > b->total_ms;
    return a->calls > b->calls;
  });
  return sorted;
}

nlohmann::json templates_to_json(const Workload& workload) {
  using nlohmann::json;
  json out = {{"version", 1},
              {"statements", workload.statement_count()},
              {"parses", workload.counters().parses},
              {"shape_cache_hits", workload.counters().shape_hits}};
  out["templates"] = json::array();
  for (const QueryTemplate* tmpl : templates_by_total_time(workload)) {
    json params = json::array();
    for (const auto& param : tmpl->sample.params) params.push_back(param ? json(*param) : json(nullptr));
    out["templates"].push_back({{"fingerprint", tmpl->fingerprint},
                                {"normalized_sql", tmpl->normalized_sql},
                                {"kind", statement_kind_name(tmpl->statement_class.kind)},
                                {"calls", tmpl->calls},
                                {"total_ms", tmpl->total_ms},
                                {"mean_ms", tmpl->mean_ms()},
                                {"max_ms", tmpl->max_ms},
                                {"origins", origins_to_json(tmpl->origins)},
                                {"sample",
                                 {{"sql", tmpl->sample.sql},
                                  {"params", params},
                                  {"source", tmpl->sample.source},
                                  {"line", tmpl->sample.line},
                                  {"session", tmpl->sample.session},
                                  {"timestamp", tmpl->sample.timestamp}}}});
  }
  out["diagnostics"] = json::array();
  for (const auto& d : workload.diagnostics())
    out["diagnostics"].push_back({{"source", d.source}, {"line", d.line}, {"message", d.message}, {"statement", d.statement}});
  return out;
}

std::string templates_to_text(const Workload& workload, size_t top) {
  double total = 0;
  for (const auto& tmpl : workload.templates()) total += tmpl.total_ms;
  std::string out = fmt::format("{} statement(s), {} template(s), {:.2f} ms in all\n", workload.statement_count(),
                                workload.templates().size(), total);
  for (const auto& d : workload.diagnostics())  // what --database, --since, ... left out
    if (d.source == "filters") out += "Filtered: " + d.message + "\n";
  out += "\n";
  out += fmt::format("  {:>3} {:>8} {:>11} {:>6} {:>9} {:>9}  {}\n", "#", "calls", "total ms", "share", "mean ms",
                     "max ms", "template");
  auto sorted = templates_by_total_time(workload);
  for (size_t i = 0; i < sorted.size() && i < top; ++i) {
    const QueryTemplate& tmpl = *sorted[i];
    double share = total > 0 ? 100.0 * tmpl.total_ms / total : 0;
    out += fmt::format("  {:>3} {:>8} {:>11.2f} {:>5.1f}% {:>9.2f} {:>9.2f}  {}\n", i + 1, tmpl.calls, tmpl.total_ms,
                       share, tmpl.mean_ms(), tmpl.max_ms, one_line(tmpl.normalized_sql, 110));
    std::string where = fmt::format("{}:{}", tmpl.sample.source, tmpl.sample.line);
    out += fmt::format("  {:>50}  slowest: {}\n", "", where);
    if (!tmpl.origins.empty()) out += fmt::format("  {:>50}  from: {}\n", "", origins_line(origins_to_json(tmpl.origins)));
  }
  if (sorted.size() > top) out += fmt::format("  ... {} more (--top)\n", sorted.size() - top);
  out += fmt::format("\nDiagnostics ({})\n", workload.diagnostics().size());
  for (const auto& d : workload.diagnostics()) out += fmt::format("  {}:{}: {}\n", d.source, d.line, d.message);
  return out;
}

}  // namespace pgadvisor
