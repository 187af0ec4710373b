#include "cli/report/report_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "advisor/findings/sql_gist.hpp"
#include "cli/report/report_origins.hpp"
#include "cli/report/report_stages.hpp"
#include "cli/report/report_text_sections.hpp"
#include "cli/report/report_values.hpp"
#include "plans/workload/replay_identity_json.hpp"

namespace pgadvisor {
namespace text_report {

using nlohmann::json;

std::string rank_of(const json& report, const std::string& fingerprint) {
  size_t slash = fingerprint.find("/step");
  std::string base = fingerprint.substr(0, slash);
  const json& templates = list_at(report, "templates");
  for (size_t i = 0; i < templates.size(); ++i)
    if (text_at(templates[i], "fingerprint") == base)
      return std::to_string(i + 1) + (slash == std::string::npos ? "" : " step " + fingerprint.substr(slash + 5));
  return "?";
}

void title(std::string& out, const TextStyle& style, const std::string& text, bool first) {
  out += (first ? "" : "\n") + wrap_line(style, "", text, 2, sgr::bold);
}

namespace {

// The audit, the database, and what the reader must know before the numbers: an interruption,
// why the advice is incomplete, who the statements were replayed as.
void write_header(std::string& out, const json& report, const TextStyle& style) {
  out += wrap_line(style, "", fmt::format("pgadvisor audit of {} statement(s) in {} log(s) on {} (server {})",
                                          integer_at(report, "statements"), list_at(report, "logs").size(),
                                          text_at(report, "database"), integer_at(report, "server_version")),
                   2, sgr::bold) + "\n";
  if (flag_at(report, "redacted", false))
    out += wrap_line(style, "", "Redacted (--redact): the statements' literal values are placeholders.", 2) + "\n";
  for (const auto& diagnostic : list_at(report, "diagnostics"))  // what --database, --since, ... left out
    if (text_at(diagnostic, "source") == "filters") out += wrap_line(style, "", "Filtered: " + text_at(diagnostic, "message"), 2) + "\n";
  if (flag_at(report, "interrupted", false))
    out += wrap_line(style, "", "INTERRUPTED (Ctrl-C): this report holds only what was measured before.", 2, sgr::bold_red) + "\n";
  for (const auto& gap : list_at(report, "incomplete"))
    out += wrap_line(style, "", "ADVICE INCOMPLETE: " + text_at(gap, "cause") + ". Fix: " + text_at(gap, "fix") + ".", 2,
                     sgr::bold_red) + "\n";
  const ReplayIdentity identity = replay_identity_from_json(object_at(report, "replay_role"));
  const std::string replayed_as = replay_identity_sentence(identity);
  if (!replayed_as.empty()) out += wrap_line(style, "", replayed_as, 2) + "\n";
  for (const auto& warning : identity.warnings) out += wrap_line(style, "", "WARNING: " + warning, 2, sgr::bold_red) + "\n";
}

void write_templates(std::string& out, const json& report, size_t top, const TextStyle& style) {
  const json& templates = list_at(report, "templates");
  title(out, style, fmt::format("Slowest templates (of {}, {})", templates.size(), templates_ranking(report)), true);
  out += fmt::format("  {:>3} {:>6} {:>10} {:>9} {:>10}  {}\n", "#", "calls", "total ms", "mean ms", "replay ms", "statement / plan");
  for (size_t i = 0; i < templates.size() && i < top; ++i) {
    const json& entry = templates[i];
    const json& replay = object_at(entry, "replay");
    const std::optional<double> execution_ms = optional_number_at(replay, "execution_ms");
    const std::optional<double> bound_ms = optional_number_at(replay, "lower_bound_ms");
    std::string replay_ms = execution_ms ? fmt::format("{:.2f}", *execution_ms)
                            : bound_ms   ? "> " + human_ms(*bound_ms)
                                         : "-";
    out += fmt::format("  {:>3} {:>6} {:>10.2f} {:>9.2f} {:>10}  {}\n", i + 1, integer_at(entry, "calls"),
                       number_at(entry, "total_ms"), number_at(entry, "mean_ms"), replay_ms,
                       fit_field(style, compact_sql(text_at(entry, "normalized_sql")), 46, 100));
    // A replay with a plan has its summary; one without says why, in its diagnostic.
    std::string plan = replay.contains("plan_summary")
                           ? (flag_at(replay, "long_query", false) ? "1 run (long query): " : "") + text_at(replay, "plan_summary")
                           : text_at(replay, "status") + ": " + text_at(object_at(replay, "diagnostic"), "message");
    out += fmt::format("  {:>42}  {}\n", "", fit_field(style, plan, 46, 100));
    const std::string from = origins_line(list_at(entry, "origins"));
    if (!from.empty()) out += fmt::format("  {:>42}  {}\n", "", fit_field(style, "from: " + from, 46, 100));
  }
}

// "1.2 s over the log, 3.4 min a day at the log's rate"; the day only when the log's span is known.
std::string time_figure(double per_log_ms, const std::optional<double>& per_day_ms) {
  std::string text = fmt::format("{} over the log", human_ms(per_log_ms));
  if (per_day_ms) text += fmt::format(", {} a day at the log's rate", human_ms(*per_day_ms));
  return text;
}

void write_selection(std::string& out, const json& report, const TextStyle& style) {
  const json& s = object_at(report, "selection");
  const long long resets = integer_at(s, "whatif_resets");
  title(out, style, fmt::format("Proposed indexes ({}; {} candidates, {} useful alone; {} what-if plans for {} cost requests, "
                                "{} from the cache{}; {:.2f} s)",
                                list_at(report, "indexes").size(), integer_at(s, "candidates"),
                                integer_at(s, "useful_candidates"), integer_at(s, "whatif_plans"),
                                integer_at(s, "whatif_requests"), integer_at(s, "whatif_cache_hits"),
                                resets ? fmt::format(", {} hypopg resets", resets) : "", number_at(s, "advisor_seconds")));
  const long long budget_bytes = integer_at(s, "budget_bytes");  // null: no budget
  const std::string budget = budget_bytes > 0 ? human_bytes(budget_bytes) : "no size budget";
  const std::string method = text_at(s, "method");
  const std::string weigh_by = text_at(s, "weigh_by") == "cost" ? ", every unit of planner cost weighed alike" : "";
  out += wrap_line(style, "  ", fmt::format("chosen by {}{} within {} and {} indexes: {} in all, saves {}", method.empty() ? "-" : method, weigh_by,
                                            budget, integer_at(s, "max_indexes"), human_bytes(integer_at(s, "total_size_bytes")),
                                            time_figure(number_at(s, "net_saved_ms"), optional_number_at(s, "net_saved_ms_per_day"))), 4);
  const std::optional<double> per_mb_day = optional_number_at(s, "min_saving_per_mb_day_ms");
  out += wrap_line(style, "  ", fmt::format("each index had to make some query {:.0f}% (or {}) and {} a call faster, and save more than {} over the log "
                                            "and {} per MB of its size{}",
                                            100.0 * number_at(s, "min_improvement"), human_ms(number_at(s, "significant_call_saving_ms")),
                                            human_ms(number_at(s, "min_call_saving_ms")),
                                            human_ms(number_at(s, "min_benefit_ms")), human_ms(number_at(s, "min_saving_per_mb_ms")),
                                            per_mb_day ? " (" + human_ms(*per_mb_day) + " a day)" : ""), 4);
  const std::optional<double> greedy_to_exact = optional_number_at(s, "greedy_to_exact");
  const std::string exact_note = text_at(s, "exact_note");
  if (greedy_to_exact)
    out += wrap_line(style, "  ", fmt::format("the exact search's best saves {}: the choice reaches {:.1f}% of it",
                                              human_ms(number_at(s, "exact_net_saved_ms")), 100.0 * *greedy_to_exact), 4);
  else if (!exact_note.empty())
    out += "  " + fit_field(style, exact_note, 2, 150) + "\n";
}

// One proposal's effect on a template: its cost before and after, the plans, the --verify times.
void write_effect(std::string& out, const json& report, const json& effect, const TextStyle& style) {
  const double cost_before = number_at(effect, "cost_before"), cost_after = number_at(effect, "cost_after");
  const double drop = cost_before > 0 ? 100.0 * (cost_before - cost_after) / cost_before : 0;
  out += wrap_line(style, "     ", fmt::format("template #{} ({} calls): cost {:.1f} -> {:.1f} (-{:.1f}%), saves {}{}",
                                               rank_of(report, text_at(effect, "fingerprint")), integer_at(effect, "calls"),
                                               cost_before, cost_after, drop, human_ms(number_at(effect, "saved_ms")),
                                               flag_at(effect, "time_scale_measured", true) ? "" : " (time scale borrowed)"), 7);
  out += fmt::format("       before: {}\n       after:  {}\n", fit_field(style, text_at(effect, "plan_before"), 15, 100),
                     fit_field(style, text_at(effect, "plan_after"), 15, 100));
  const std::optional<double> verified_before = optional_number_at(effect, "verified_before_ms");
  const std::optional<double> verified_after = optional_number_at(effect, "verified_after_ms");
  if (verified_before && verified_after)
    out += fmt::format("       verified: {:.3f} ms -> {:.3f} ms ({:.1f}x)\n", *verified_before, *verified_after,
                       *verified_before / std::max(*verified_after, 1e-3));
}

void write_indexes(std::string& out, const json& report, const TextStyle& style) {
  write_selection(out, report, style);
  const json& indexes = list_at(report, "indexes");
  if (indexes.empty()) out += "  none: no candidate lowers a template's cost enough\n";
  for (size_t i = 0; i < indexes.size(); ++i) {
    const json& index = indexes[i];
    out += wrap_line(style, fmt::format("  {}. ", i + 1), text_at(index, "ddl"), 5, sgr::green);
    out += wrap_line(style, "     ", fmt::format("size {}; saves {}; write cost {}", human_bytes(integer_at(index, "size_bytes")),
                                                 time_figure(number_at(index, "saved_ms"), optional_number_at(index, "saved_ms_per_day")),
                                                 human_ms(number_at(index, "write_ms"))), 7);
    const std::string serves = origins_line(list_at(index, "origins"));
    if (!serves.empty()) out += wrap_line(style, "     ", "serves: " + serves, 7);
    for (const auto& effect : list_at(index, "per_template")) write_effect(out, report, effect, style);
  }
  const json& served = list_at(report, "already_served");
  if (served.empty()) return;
  title(out, style, fmt::format("Candidates already served by an existing index ({})", served.size()));
  for (const auto& candidate : served)
    out += wrap_line(style, "  ", text_at(candidate, "definition") + " -- by " + text_at(candidate, "existing_index"), 4);
}

}  // namespace
}  // namespace text_report

std::string report_to_text(const nlohmann::json& report, size_t top, const TextStyle& style) {
  using namespace text_report;
  std::string out;
  write_header(out, report, style);
  write_templates(out, report, top, style);
  write_routes(out, report, top, style);
  write_indexes(out, report, style);
  write_findings(out, report, style);
  write_sessions(out, report, top, style);
  write_rewrites(out, report, style);
  write_drops(out, report, style);
  write_verification(out, report, style);
  out += stages_text(report, style);
  write_diagnostics(out, report, style);
  return fit_lines(style, out);
}

}  // namespace pgadvisor
