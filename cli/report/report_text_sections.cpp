#include "cli/report/report_text_sections.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "cli/report/report_origins.hpp"
#include "cli/report/report_values.hpp"

namespace pgadvisor::text_report {

using nlohmann::json;

namespace {

const char* severity_colour(const std::string& severity) {
  return severity == "high" ? sgr::bold_red : severity == "medium" ? sgr::yellow : sgr::dim;
}

// Each line of `text` (a Django snippet) after `prefix`, as it is: fit_lines cuts it when fitting.
void write_lines(std::string& out, const std::string& prefix, const std::string& text) {
  for (size_t start = 0, end; start < text.size(); start = end + 1) {
    end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += prefix + text.substr(start, end - start) + "\n";
  }
}

// ", 120.00 ms -> 3.10 ms (38.7x; step 1 ...)": the original's time against the recommended fix's.
std::string rewrite_times(const json& r) {
  const bool lower_bound = flag_at(r, "before_is_lower_bound", false);
  const char* at_least = lower_bound ? ">= " : "";
  const std::string before = fmt::format("{}{:.2f} ms", lower_bound ? "> " : "", number_at(r, "before_ms"));
  const std::string recommended = text_at(r, "recommended");
  if (recommended.empty() || recommended == "id_list")
    return fmt::format(", {} -> {:.2f} ms ({}{:.1f}x; step 1 {:.2f} ms, step 2 {:.2f} ms), {} ids{}", before,
                       number_at(r, "after_ms"), at_least, number_at(r, "speedup"), number_at(r, "step1_ms"),
                       number_at(r, "step2_ms"), integer_at(r, "id_count"),
                       flag_at(r, "ids_include_null", false) ? " with a NULL" : "");
  return fmt::format(", {} -> {:.2f} ms ({}{:.1f}x) with {}", before, number_at(r, "after_ms"), at_least,
                     number_at(r, "speedup"), recommended);
}

void write_alternatives(std::string& out, const json& r, const TextStyle& style) {
  const json& alternatives = list_at(r, "alternatives");
  if (alternatives.empty()) return;
  const std::string recommended = text_at(r, "recommended");
  out += "     fixes measured side by side:\n";
  for (const auto& a : alternatives) {
    const std::string kind = text_at(a, "kind"), note = text_at(a, "note");
    std::string line = fmt::format("{:<10} {}{:.2f} ms, {}{}", kind, flag_at(a, "ms_is_lower_bound", false) ? "> " : "",
                                   number_at(a, "ms"), flag_at(a, "verified_equal", false) ? "verified equal" : "NOT verified equal",
                                   kind == recommended ? "  <- recommended" : "");
    out += wrap_line(style, "       ", line, 9);
    if (!note.empty()) out += wrap_line(style, "         ", note, 9);
    if (kind != recommended || kind == "id_list") continue;
    out += "         " + fit_field(style, text_at(a, "sql"), 9, 200) + "\n";
    write_lines(out, "         django: ", text_at(a, "django"));
  }
}

// A proposed rewrite's two steps (the id list): the subquery first, then the outer query.
void write_steps(std::string& out, const json& r, const TextStyle& style) {
  const json& steps = list_at(r, "steps");
  auto step = [&steps](size_t i) { return i < steps.size() ? text_of(steps[i]) : std::string(); };
  std::string step1 = fmt::format("     step 1{}: ", flag_at(r, "constrained", false) ? " (constrained by the outer query)" : "");
  out += step1 + fit_field(style, step(0), step1.size(), 200) + "\n";
  std::string step2 = fmt::format("     step 2 ({} list): ", text_at(r, "list_form"));
  out += step2 + fit_field(style, step(1), step2.size(), 200) + "\n";
  write_lines(out, "     django: ", text_at(r, "django"));
  const std::string size_note = text_at(r, "size_note");
  if (!size_note.empty()) out += wrap_line(style, "     note: ", size_note, 11);
}

}  // namespace

void write_routes(std::string& out, const json& report, size_t top, const TextStyle& style) {
  const std::vector<RouteRow> routes = routes_of(report);
  if (routes.empty()) return;
  title(out, style, fmt::format("By route ({}{})", routes.size(), routes.size() > top ? fmt::format(", the {} slowest", top) : ""));
  out += fmt::format("  {:>9} {:>6} {:>10} {:>8}  {}\n", "templates", "calls", "time", "findings", "route (view) or application");
  for (size_t i = 0; i < routes.size() && i < top; ++i)
    out += fmt::format("  {:>9} {:>6} {:>10} {:>8}  {}\n", routes[i].templates, routes[i].calls, human_ms(routes[i].total_ms),
                       routes[i].findings, fit_field(style, routes[i].name, 40, 100));
}

void write_findings(std::string& out, const json& report, const TextStyle& style) {
  const json& findings = list_at(report, "findings");
  if (findings.empty()) return;
  title(out, style, fmt::format("Findings ({})", findings.size()));
  for (const auto& f : findings) {
    const std::string severity = text_at(f, "severity");
    const std::string tag = "[" + severity + "]";
    const json& templates = list_at(f, "templates");
    std::string line = wrap_line(style, "  ", fmt::format("{} {} (template #{}): {}", tag, text_at(f, "kind"),
                                                          templates.empty() ? "?" : rank_of(report, text_of(templates.front())),
                                                          text_at(f, "summary")), 5);
    out += "  " + paint(style, severity_colour(severity), tag) + line.substr(2 + tag.size());
    const double saving_ms = number_at(f, "saving_ms");
    const std::string fix_sql = text_at(f, "fix_sql"), fix_django = text_at(f, "fix_django");
    const std::string from = origins_line(list_at(f, "origins"), 3, false);
    if (!from.empty()) out += wrap_line(style, "     ", "from: " + from, 7);
    if (saving_ms > 0) out += "     saves about " + human_ms(saving_ms) + " over the log\n";
    if (!fix_sql.empty()) out += "     sql: " + fit_field(style, fix_sql, 10, 160) + "\n";
    if (!fix_django.empty()) out += "     django: " + fit_field(style, fix_django, 13, 160) + "\n";
  }
}

// Like django-querycount: the sessions (or request bursts) with the most queries first.
void write_sessions(std::string& out, const json& report, size_t top, const TextStyle& style) {
  const json& sessions = list_at(report, "sessions");
  if (sessions.empty()) return;
  std::vector<const json*> rows;
  for (const auto& row : sessions) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(), [](const json* a, const json* b) {
    return integer_at(*a, "queries") > integer_at(*b, "queries");
  });
  title(out, style, fmt::format("Queries per session ({}{})", sessions.size(),
                                rows.size() > top ? fmt::format(", the {} with most queries", top) : ""));
  out += "  session          queries  duplicates      time  from line\n";
  for (size_t i = 0; i < rows.size() && i < top; ++i) {
    const json& row = *rows[i];
    std::string name = text_at(row, "session");
    if (text_at(row, "scope") == "log") name = "(whole log)";
    if (integer_at(row, "burst") > 0) name += fmt::format(" #{}", integer_at(row, "burst"));
    if (style.fit) name = cut_to_width(name, room(style, 44, 0));  // the other columns stay whole
    out += fmt::format("  {:<16} {:>7}  {:>10}  {:>8}  {}\n", name.empty() ? "-" : name, integer_at(row, "queries"),
                       integer_at(row, "duplicates"), human_ms(number_at(row, "total_ms")), integer_at(row, "first_line"));
  }
}

void write_rewrites(std::string& out, const json& report, const TextStyle& style) {
  const json& rewrites = list_at(report, "rewrites");
  if (rewrites.empty()) return;
  title(out, style, fmt::format("IN-subquery rewrites ({})", rewrites.size()));
  for (const auto& r : rewrites) {
    const std::string verdict = text_at(r, "verdict");
    std::string line = fmt::format("template #{} ({}): {}", rank_of(report, text_at(r, "fingerprint")), text_at(r, "kind"), verdict);
    if (verdict == "proposed" || verdict == "not worth it") line += rewrite_times(r);
    out += wrap_line(style, "  ", line, 5);
    const json& subquery = object_at(r, "subquery");  // null when its form is unknown
    if (!text_at(subquery, "form").empty())
      out += wrap_line(style, "     ", fmt::format("the subquery ({}) reads {:.0f} rows in {:.2f} ms of the replay's {:.2f} ms",
                                                   text_at(subquery, "form"), number_at(subquery, "rows"),
                                                   number_at(subquery, "ms"), number_at(subquery, "plan_ms")), 7);
    if (flag_at(r, "before_is_lower_bound", false))
      out += wrap_line(style, "     ", fmt::format("the original did not finish within {:.0f} ms: its time and the speedup "
                                                   "are lower bounds", number_at(r, "before_ms")), 7);
    const std::string reason = text_at(r, "reason");
    if (!reason.empty()) out += wrap_line(style, "     ", reason, 7);
    write_alternatives(out, r, style);
    if (verdict != "proposed") continue;
    out += wrap_line(style, "     ", "verified equal: " + text_at(r, "comparison"), 7);
    const std::string recommended = text_at(r, "recommended");
    if (recommended.empty() || recommended == "id_list") write_steps(out, r, style);
  }
}

void write_drops(std::string& out, const json& report, const TextStyle& style) {
  const json& drops = list_at(report, "drop_suggestions");
  if (drops.empty()) return;
  title(out, style, fmt::format("Existing indexes the workload does not need ({})", drops.size()));
  for (const auto& drop : drops) {
    const std::string ddl = text_at(drop, "ddl"), reason = text_at(drop, "reason");
    if (style.fit)  // the DDL on a line of its own, then the reason
      out += wrap_line(style, "  ", ddl, 4, sgr::green) + wrap_line(style, "     -- ", reason, 8);
    else
      out += "  " + paint(style, sgr::green, ddl) + "  -- " + reason + "\n";
    for (const auto& caveat : list_at(drop, "caveats")) out += wrap_line(style, "     note: ", text_of(caveat), 11);
  }
}

void write_verification(std::string& out, const json& report, const TextStyle& style) {
  const json& v = object_at(report, "verification");
  const std::string note = text_at(v, "note");
  if (!flag_at(v, "ran", false)) {
    if (!note.empty()) title(out, style, "Verification: " + note);
    return;
  }
  title(out, style, "Verification (indexes created for real, rewrites applied, measured, rolled back)");
  const double log_before = number_at(v, "log_before_ms"), log_after = number_at(v, "log_after_ms");
  const bool before_bound = flag_at(v, "log_before_is_lower_bound", false);
  const bool after_bound = flag_at(v, "log_after_is_lower_bound", false);
  // Bounds on both sides leave the ratio unknown; a bound before only makes it a lower bound.
  const double ratio = log_before / std::max(log_after, 1e-3);
  const std::string ratio_text = after_bound ? (before_bound ? "ratio unknown: timed out before and after"
                                                             : fmt::format("<= {:.1f}x", ratio))
                                             : fmt::format("{}{:.1f}x", before_bound ? ">= " : "", ratio);
  const std::string created_size = human_bytes(integer_at(v, "created_size_bytes"));
  out += wrap_line(style, "  ", fmt::format("the log's replayed time: {}{} -> {}{} ({}), {} template(s) at the log's calls, "
                                            "{} rewrite(s) applied; indexes' real size {}",
                                            before_bound ? "> " : "", human_ms(log_before), after_bound ? "> " : "",
                                            human_ms(log_after), ratio_text, integer_at(v, "log_templates"),
                                            integer_at(v, "rewrites_applied"), created_size), 4);
  const double before_ms = number_at(v, "before_ms"), after_ms = number_at(v, "after_ms");
  out += wrap_line(style, "  ", fmt::format("{} template(s): replay time {:.2f} ms -> {:.2f} ms ({:.1f}x); at the log's calls {:.2f} ms -> {:.2f} ms",
                                            integer_at(v, "templates"), before_ms, after_ms, before_ms / std::max(after_ms, 1e-3),
                                            number_at(v, "weighted_before_ms"), number_at(v, "weighted_after_ms")), 4);
  out += fmt::format("  real size of the created indexes: {}\n", created_size);
  if (!note.empty()) out += wrap_line(style, "  ", note, 4);
}

void write_diagnostics(std::string& out, const json& report, const TextStyle& style) {
  const json& diagnostics = list_at(report, "diagnostics");
  title(out, style, fmt::format("Diagnostics ({})", diagnostics.size()));
  for (const auto& diagnostic : diagnostics) {
    const std::string source = text_at(diagnostic, "source"), statement = text_at(diagnostic, "statement");
    const long long line_number = integer_at(diagnostic, "line");
    std::string line = (line_number > 0 ? fmt::format("{}:{}", source, line_number) : source) + ": " + text_at(diagnostic, "message");
    if (!statement.empty()) line += " [" + one_line(statement, 60) + "]";
    out += wrap_line(style, "  ", line, 4);
  }
}

}  // namespace pgadvisor::text_report
