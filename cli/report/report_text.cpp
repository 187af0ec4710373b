#include "cli/report/report_text.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "advisor/findings/findings_stage.hpp"
#include "advisor/findings/sql_gist.hpp"
#include "plans/text_format.hpp"
#include "plans/plan/plan_tree.hpp"
#include "plans/workload/replay_identity_json.hpp"

namespace pgadvisor {
namespace {

// A template's rank in the report, "3", or for a rewrite's step "3 step 2".
std::string rank_of(const Advice& advice, const std::string& fingerprint) {
  size_t slash = fingerprint.find("/step");
  std::string base = fingerprint.substr(0, slash);
  for (size_t i = 0; i < advice.templates.size(); ++i)
    if (advice.templates[i].tmpl.fingerprint == base)
      return std::to_string(i + 1) + (slash == std::string::npos ? "" : " step " + fingerprint.substr(slash + 5));
  return "?";
}

// A section's title, bold, after a blank line unless `first`.
void title(std::string& out, const TextStyle& style, const std::string& text, bool first = false) {
  out += (first ? "" : "\n") + wrap_line(style, "", text, 2, sgr::bold);
}

void write_templates(std::string& out, const Advice& advice, size_t top, const TextStyle& style) {
  title(out, style, fmt::format("Slowest templates (of {}, by total time in the log)", advice.templates.size()), true);
  out += fmt::format("  {:>3} {:>6} {:>10} {:>9} {:>10}  {}\n", "#", "calls", "total ms", "mean ms", "replay ms", "statement / plan");
  for (size_t i = 0; i < advice.templates.size() && i < top; ++i) {
    const TemplateAdvice& entry = advice.templates[i];
    const ReplayResult& replay = entry.replay;
    std::string replay_ms = replay.plan && replay.plan->execution_ms ? fmt::format("{:.2f}", *replay.plan->execution_ms)
                            : replay.lower_bound_ms ? "> " + human_ms(*replay.lower_bound_ms)
                                                    : "-";
    out += fmt::format("  {:>3} {:>6} {:>10.2f} {:>9.2f} {:>10}  {}\n", i + 1, entry.tmpl.calls, entry.tmpl.total_ms,
                       entry.tmpl.mean_ms(), replay_ms, fit_field(style, compact_sql(entry.tmpl.normalized_sql), 46, 100));
    std::string plan = replay.plan ? summarize_plan(*replay.plan) : replay_status_name(replay.status) + ": " + replay.reason;
    out += fmt::format("  {:>42}  {}\n", "", fit_field(style, plan, 46, 100));
  }
}

std::string time_figure(double per_log_ms, const std::optional<double>& per_day) {
  std::string text = fmt::format("{} over the log", human_ms(per_log_ms));
  if (per_day) text += fmt::format(", {} a day at the log's rate", human_ms(per_log_ms * *per_day));
  return text;
}

void write_selection(std::string& out, const Advice& advice, const TextStyle& style) {
  const SelectionSummary& s = advice.selection;
  title(out, style, fmt::format("Proposed indexes ({}; {} candidates, {} useful alone; {} what-if plans for {} cost requests, "
                                "{} from the cache{}; {:.2f} s)",
                                advice.indexes.size(), s.candidates, s.useful_candidates, s.whatif.explains,
                                s.whatif.requests, s.whatif.hits,
                                s.whatif.resets ? fmt::format(", {} hypopg resets", s.whatif.resets) : "", s.seconds));
  std::string budget = s.budget_bytes > 0 ? human_bytes(s.budget_bytes) : "no size budget";
  out += wrap_line(style, "  ", fmt::format("chosen by {} within {} and {} indexes: {} in all, saves {}", s.method.empty() ? "-" : s.method,
                                            budget, s.max_indexes, human_bytes(s.total_size_bytes), time_figure(s.net_ms, s.per_day)), 4);
  out += wrap_line(style, "  ", fmt::format("each index had to make some query {:.0f}% and {} a call faster, and save more than {} over the log "
                                            "and {} per MB of its size{}",
                                            100.0 * s.min_improvement, human_ms(s.min_call_saving_ms), human_ms(s.min_benefit_ms),
                                            human_ms(s.min_saving_per_mb_ms),
                                            s.min_saving_per_mb_day_ms ? " (" + human_ms(*s.min_saving_per_mb_day_ms) + " a day)" : ""), 4);
  if (s.greedy_to_exact)
    out += wrap_line(style, "  ", fmt::format("the exact search's best saves {}: the choice reaches {:.1f}% of it",
                                              human_ms(*s.exact_net_ms), 100.0 * *s.greedy_to_exact), 4);
  else if (!s.exact_note.empty())
    out += "  " + fit_field(style, s.exact_note, 2, 150) + "\n";
}

void write_indexes(std::string& out, const Advice& advice, const TextStyle& style) {
  write_selection(out, advice, style);
  if (advice.indexes.empty()) out += "  none: no candidate lowers a template's cost enough\n";
  const auto& per_day = advice.selection.per_day;
  for (size_t i = 0; i < advice.indexes.size(); ++i) {
    const IndexProposal& proposal = advice.indexes[i];
    out += wrap_line(style, fmt::format("  {}. ", i + 1), proposal.candidate.ddl(), 5, sgr::green);
    out += wrap_line(style, "     ", fmt::format("size {}; saves {}; write cost {}", human_bytes(proposal.size_bytes),
                                                 time_figure(proposal.saved_ms, per_day), human_ms(proposal.write_ms)), 7);
    for (const auto& effect : proposal.templates) {
      double drop = effect.cost_before > 0 ? 100.0 * (effect.cost_before - effect.cost_after) / effect.cost_before : 0;
      out += wrap_line(style, "     ", fmt::format("template #{} ({} calls): cost {:.1f} -> {:.1f} (-{:.1f}%), saves {}{}",
                                                   rank_of(advice, effect.fingerprint), effect.calls, effect.cost_before,
                                                   effect.cost_after, drop, human_ms(effect.saved_ms),
                                                   effect.measured_scale ? "" : " (time scale borrowed)"), 7);
      out += fmt::format("       before: {}\n       after:  {}\n", fit_field(style, effect.plan_before, 15, 100),
                         fit_field(style, effect.plan_after, 15, 100));
      if (effect.verified_before_ms && effect.verified_after_ms)
        out += fmt::format("       verified: {:.3f} ms -> {:.3f} ms ({:.1f}x)\n", *effect.verified_before_ms,
                           *effect.verified_after_ms,
                           *effect.verified_before_ms / std::max(*effect.verified_after_ms, 1e-3));
    }
  }
  if (!advice.already_served.empty()) {
    title(out, style, fmt::format("Candidates already served by an existing index ({})", advice.already_served.size()));
    for (const auto& served : advice.already_served)
      out += wrap_line(style, "  ", served.candidate.key() + " -- by " + served.existing_index, 4);
  }
}

void write_drops(std::string& out, const Advice& advice, const TextStyle& style) {
  if (advice.drops.empty()) return;
  title(out, style, fmt::format("Existing indexes the workload does not need ({})", advice.drops.size()));
  for (const auto& drop : advice.drops) {
    if (style.fit)  // the DDL on a line of its own, then the reason
      out += wrap_line(style, "  ", drop.ddl, 4, sgr::green) + wrap_line(style, "     -- ", drop.reason, 8);
    else
      out += "  " + paint(style, sgr::green, drop.ddl) + "  -- " + drop.reason + "\n";
    for (const auto& caveat : drop.caveats) out += wrap_line(style, "     note: ", caveat, 11);
  }
}

const char* severity_colour(Severity severity) {
  return severity == Severity::High ? sgr::bold_red : severity == Severity::Medium ? sgr::yellow : sgr::dim;
}

void write_findings(std::string& out, const Advice& advice, const TextStyle& style) {
  if (advice.findings.empty()) return;
  title(out, style, fmt::format("Findings ({})", advice.findings.size()));
  for (const auto& f : advice.findings) {
    std::string tag = "[" + severity_name(f.severity) + "]";
    std::string line = wrap_line(style, "  ", fmt::format("{} {} (template #{}): {}", tag, finding_kind_name(f.kind),
                                                          f.templates.empty() ? "?" : rank_of(advice, f.templates.front()),
                                                          f.summary), 5);
    out += "  " + paint(style, severity_colour(f.severity), tag) + line.substr(2 + tag.size());
    if (f.saving_ms > 0) out += "     saves about " + human_ms(f.saving_ms) + " over the log\n";
    if (!f.fix_sql.empty()) out += "     sql: " + fit_field(style, f.fix_sql, 10, 160) + "\n";
    if (!f.fix_django.empty()) out += "     django: " + fit_field(style, f.fix_django, 13, 160) + "\n";
  }
}

// Like django-querycount: the sessions (or request bursts) with the most queries first.
void write_sessions(std::string& out, const Advice& advice, size_t top, const TextStyle& style) {
  if (advice.sessions.empty()) return;
  const nlohmann::json all = session_summaries_to_json(advice.sessions);
  std::vector<const nlohmann::json*> rows;
  for (const auto& row : all) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(), [](const nlohmann::json* a, const nlohmann::json* b) {
    return a->value("queries", 0LL) > b->value("queries", 0LL);
  });
  title(out, style, fmt::format("Queries per session ({}{})", advice.sessions.size(),
                                rows.size() > top ? fmt::format(", the {} with most queries", top) : ""));
  out += "  session          queries  duplicates      time  from line\n";
  for (size_t i = 0; i < rows.size() && i < top; ++i) {
    const nlohmann::json& row = *rows[i];
    std::string name = row.value("session", "");
    if (row.value("scope", "") == "log") name = "(whole log)";
    if (row.value("burst", 0LL) > 0) name += fmt::format(" #{}", row.value("burst", 0LL));
    if (style.fit) name = cut_to_width(name, room(style, 44, 0));  // the other columns stay whole
    out += fmt::format("  {:<16} {:>7}  {:>10}  {:>8}  {}\n", name.empty() ? "-" : name, row.value("queries", 0LL),
                       row.value("duplicates", 0LL), human_ms(row.value("total_ms", 0.0)), row.value("first_line", 0));
  }
}

std::string rewrite_times(const RewriteAdvice& r) {
  const char* at_least = r.before_is_lower_bound ? ">= " : "";
  std::string before = fmt::format("{}{:.2f} ms", r.before_is_lower_bound ? "> " : "", r.before_ms);
  if (r.recommended.empty() || r.recommended == "id_list")
    return fmt::format(", {} -> {:.2f} ms ({}{:.1f}x; step 1 {:.2f} ms, step 2 {:.2f} ms), {} ids{}", before,
                       r.after_ms, at_least, r.speedup(), r.step1_ms, r.step2_ms, r.id_count,
                       r.ids_include_null ? " with a NULL" : "");
  return fmt::format(", {} -> {:.2f} ms ({}{:.1f}x) with {}", before, r.after_ms, at_least, r.speedup(), r.recommended);
}

void write_alternatives(std::string& out, const RewriteAdvice& r, const TextStyle& style) {
  if (r.alternatives.empty()) return;
  out += "     fixes measured side by side:\n";
  for (const auto& a : r.alternatives) {
    std::string line = fmt::format("{:<10} {}{:.2f} ms, {}{}", a.kind, a.ms_is_lower_bound ? "> " : "", a.ms,
                                   a.verified_equal ? "verified equal" : "NOT verified equal",
                                   a.kind == r.recommended ? "  <- recommended" : "");
    out += wrap_line(style, "       ", line, 9);
    if (!a.note.empty()) out += wrap_line(style, "         ", a.note, 9);
    if (a.kind != r.recommended || a.kind == "id_list") continue;
    out += "         " + fit_field(style, a.sql, 9, 200) + "\n";
    for (size_t start = 0, end; start < a.django.size(); start = end + 1) {
      end = a.django.find('\n', start);
      if (end == std::string::npos) end = a.django.size();
      out += "         django: " + a.django.substr(start, end - start) + "\n";
    }
  }
}

void write_rewrites(std::string& out, const Advice& advice, const TextStyle& style) {
  if (advice.rewrites.empty()) return;
  title(out, style, fmt::format("IN-subquery rewrites ({})", advice.rewrites.size()));
  for (const auto& r : advice.rewrites) {
    std::string line = fmt::format("template #{} ({}): {}", rank_of(advice, r.fingerprint), r.kind, rewrite_verdict_name(r.verdict));
    if (r.verdict == RewriteVerdict::Proposed || r.verdict == RewriteVerdict::NotWorthIt) line += rewrite_times(r);
    out += wrap_line(style, "  ", line, 5);
    if (!r.subquery_form.empty())
      out += wrap_line(style, "     ", fmt::format("the subquery ({}) reads {:.0f} rows in {:.2f} ms of the replay's {:.2f} ms",
                                                   r.subquery_form, r.subquery_rows, r.subquery_ms, r.plan_ms), 7);
    if (r.before_is_lower_bound)
      out += wrap_line(style, "     ", fmt::format("the original did not finish within {:.0f} ms: its time and the speedup "
                                                   "are lower bounds", r.before_ms), 7);
    if (!r.reason.empty()) out += wrap_line(style, "     ", r.reason, 7);
    write_alternatives(out, r, style);
    if (r.verdict != RewriteVerdict::Proposed) continue;
    out += wrap_line(style, "     ", "verified equal: " + r.comparison, 7);
    if (!r.recommended.empty() && r.recommended != "id_list") continue;
    std::string step1 = fmt::format("     step 1{}: ", r.constrained ? " (constrained by the outer query)" : "");
    out += step1 + fit_field(style, r.steps.at(0), step1.size(), 200) + "\n";
    std::string step2 = fmt::format("     step 2 ({} list): ", r.list_form);
    out += step2 + fit_field(style, r.steps.at(1), step2.size(), 200) + "\n";
    if (r.django)  // cut to the width by fit_lines when fitting
      for (size_t start = 0, end; start < r.django->size(); start = end + 1) {
        end = r.django->find('\n', start);
        if (end == std::string::npos) end = r.django->size();
        out += "     django: " + r.django->substr(start, end - start) + "\n";
      }
    if (!r.size_note.empty()) out += wrap_line(style, "     note: ", r.size_note, 11);
  }
}

void write_verification(std::string& out, const Advice& advice, const TextStyle& style) {
  const VerificationSummary& v = advice.verification;
  if (!v.ran) {
    if (!v.note.empty()) title(out, style, "Verification: " + v.note);
    return;
  }
  title(out, style, "Verification (indexes created for real, rewrites applied, measured, rolled back)");
  // Bounds on both sides leave the ratio unknown; a bound before only makes it a lower bound.
  const double ratio = v.log_before_ms / std::max(v.log_after_ms, 1e-3);
  const std::string ratio_text = v.log_after_is_lower_bound
                                     ? (v.log_before_is_lower_bound ? "ratio unknown: timed out before and after"
                                                                    : fmt::format("<= {:.1f}x", ratio))
                                     : fmt::format("{}{:.1f}x", v.log_before_is_lower_bound ? ">= " : "", ratio);
  out += wrap_line(style, "  ", fmt::format("the log's replayed time: {}{} -> {}{} ({}), {} template(s) at the log's calls, "
                                            "{} rewrite(s) applied; indexes' real size {}",
                                            v.log_before_is_lower_bound ? "> " : "", human_ms(v.log_before_ms),
                                            v.log_after_is_lower_bound ? "> " : "", human_ms(v.log_after_ms), ratio_text,
                                            v.log_templates, v.rewrites_applied, human_bytes(v.created_size_bytes)), 4);
  out += wrap_line(style, "  ", fmt::format("{} template(s): replay time {:.2f} ms -> {:.2f} ms ({:.1f}x); at the log's calls {:.2f} ms -> {:.2f} ms",
                                            v.templates, v.before_ms, v.after_ms, v.before_ms / std::max(v.after_ms, 1e-3),
                                            v.weighted_before_ms, v.weighted_after_ms), 4);
  out += fmt::format("  real size of the created indexes: {}\n", human_bytes(v.created_size_bytes));
  if (!v.note.empty()) out += wrap_line(style, "  ", v.note, 4);
}

void write_diagnostics(std::string& out, const Advice& advice, const TextStyle& style) {
  title(out, style, fmt::format("Diagnostics ({})", advice.diagnostics.size()));
  for (const auto& diagnostic : advice.diagnostics) {
    std::string where = diagnostic.line > 0 ? fmt::format("{}:{}", diagnostic.source, diagnostic.line) : diagnostic.source;
    std::string line = where + ": " + diagnostic.message;
    if (!diagnostic.statement.empty()) line += " [" + one_line(diagnostic.statement, 60) + "]";
    out += wrap_line(style, "  ", line, 4);
  }
}

}  // namespace

std::string advice_to_text(const Advice& advice, size_t top, const TextStyle& style) {
  std::string out = wrap_line(style, "", fmt::format("pgadvisor audit of {} statement(s) in {} log(s) on {} (server {})",
                                                     advice.statements, advice.logs.size(), advice.database,
                                                     advice.server_version), 2, sgr::bold) + "\n";
  if (advice.interrupted)
    out += wrap_line(style, "", "INTERRUPTED (Ctrl-C): this report holds only what was measured before.", 2, sgr::bold_red) + "\n";
  for (const auto& gap : advice.incomplete)
    out += wrap_line(style, "", "ADVICE INCOMPLETE: " + gap.cause + ". Fix: " + gap.fix + ".", 2, sgr::bold_red) + "\n";
  const std::string replayed_as = replay_identity_sentence(advice.identity);
  if (!replayed_as.empty()) out += wrap_line(style, "", replayed_as, 2) + "\n";
  for (const auto& warning : advice.identity.warnings) out += wrap_line(style, "", "WARNING: " + warning, 2, sgr::bold_red) + "\n";
  write_templates(out, advice, top, style);
  write_indexes(out, advice, style);
  write_findings(out, advice, style);
  write_sessions(out, advice, top, style);
  write_rewrites(out, advice, style);
  write_drops(out, advice, style);
  write_verification(out, advice, style);
  write_diagnostics(out, advice, style);
  return fit_lines(style, out);
}

}  // namespace pgadvisor
