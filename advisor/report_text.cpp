#include "advisor/report_text.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "advisor/text_format.hpp"
#include "plans/plan/plan_tree.hpp"

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

void write_templates(std::string& out, const Advice& advice, size_t top) {
  out += fmt::format("Slowest templates (of {}, by total time in the log)\n", advice.templates.size());
  out += fmt::format("  {:>3} {:>6} {:>10} {:>9} {:>10}  {}\n", "#", "calls", "total ms", "mean ms", "replay ms", "statement / plan");
  for (size_t i = 0; i < advice.templates.size() && i < top; ++i) {
    const TemplateAdvice& entry = advice.templates[i];
    const ReplayResult& replay = entry.replay;
    std::string replay_ms = replay.plan && replay.plan->execution_ms ? fmt::format("{:.2f}", *replay.plan->execution_ms) : "-";
    out += fmt::format("  {:>3} {:>6} {:>10.2f} {:>9.2f} {:>10}  {}\n", i + 1, entry.tmpl.calls, entry.tmpl.total_ms,
                       entry.tmpl.mean_ms(), replay_ms, one_line(entry.tmpl.normalized_sql, 100));
    std::string plan = replay.plan ? summarize_plan(*replay.plan) : replay_status_name(replay.status) + ": " + replay.reason;
    out += fmt::format("  {:>42}  {}\n", "", one_line(plan, 100));
  }
}

std::string time_figure(double per_log_ms, const std::optional<double>& per_day) {
  std::string text = fmt::format("{} over the log", human_ms(per_log_ms));
  if (per_day) text += fmt::format(", {} a day at the log's rate", human_ms(per_log_ms * *per_day));
  return text;
}

void write_selection(std::string& out, const Advice& advice) {
  const SelectionSummary& s = advice.selection;
  out += fmt::format("\nProposed indexes ({}; {} candidates, {} useful alone; {} what-if plans for {} cost requests, "
                     "{} from the cache{}; {:.2f} s)\n",
                     advice.indexes.size(), s.candidates, s.useful_candidates, s.whatif.explains, s.whatif.requests,
                     s.whatif.hits, s.whatif.resets ? fmt::format(", {} hypopg resets", s.whatif.resets) : "", s.seconds);
  std::string budget = s.budget_bytes > 0 ? human_bytes(s.budget_bytes) : "no size budget";
  out += fmt::format("  chosen by {} within {} and {} indexes: {} in all, saves {}\n", s.method.empty() ? "-" : s.method,
                     budget, s.max_indexes, human_bytes(s.total_size_bytes), time_figure(s.net_ms, s.per_day));
  out += fmt::format("  each index had to make some query {:.0f}% and {} a call faster, and save more than {} over the log\n",
                     100.0 * s.min_improvement, human_ms(s.min_call_saving_ms), human_ms(s.min_benefit_ms));
  if (s.greedy_to_exact)
    out += fmt::format("  the exact search's best saves {}: the choice reaches {:.1f}% of it\n",
                       human_ms(*s.exact_net_ms), 100.0 * *s.greedy_to_exact);
  else if (!s.exact_note.empty())
    out += "  " + one_line(s.exact_note, 150) + "\n";
}

void write_indexes(std::string& out, const Advice& advice) {
  write_selection(out, advice);
  if (advice.indexes.empty()) out += "  none: no candidate lowers a template's cost enough\n";
  const auto& per_day = advice.selection.per_day;
  for (size_t i = 0; i < advice.indexes.size(); ++i) {
    const IndexProposal& proposal = advice.indexes[i];
    out += fmt::format("  {}. {}\n", i + 1, proposal.candidate.ddl());
    out += fmt::format("     size {}; saves {}; write cost {}\n", human_bytes(proposal.size_bytes),
                       time_figure(proposal.saved_ms, per_day), human_ms(proposal.write_ms));
    for (const auto& effect : proposal.templates) {
      double drop = effect.cost_before > 0 ? 100.0 * (effect.cost_before - effect.cost_after) / effect.cost_before : 0;
      out += fmt::format("     template #{} ({} calls): cost {:.1f} -> {:.1f} (-{:.1f}%), saves {}{}\n",
                         rank_of(advice, effect.fingerprint), effect.calls, effect.cost_before, effect.cost_after, drop,
                         human_ms(effect.saved_ms), effect.measured_scale ? "" : " (time scale borrowed)");
      out += fmt::format("       before: {}\n       after:  {}\n", one_line(effect.plan_before, 100),
                         one_line(effect.plan_after, 100));
      if (effect.verified_before_ms && effect.verified_after_ms)
        out += fmt::format("       verified: {:.3f} ms -> {:.3f} ms ({:.1f}x)\n", *effect.verified_before_ms,
                           *effect.verified_after_ms,
                           *effect.verified_before_ms / std::max(*effect.verified_after_ms, 1e-3));
    }
  }
  if (!advice.already_served.empty()) {
    out += fmt::format("\nCandidates already served by an existing index ({})\n", advice.already_served.size());
    for (const auto& served : advice.already_served)
      out += fmt::format("  {} -- by {}\n", served.candidate.key(), served.existing_index);
  }
}

void write_drops(std::string& out, const Advice& advice) {
  if (advice.drops.empty()) return;
  out += fmt::format("\nExisting indexes the workload does not need ({})\n", advice.drops.size());
  for (const auto& drop : advice.drops) {
    out += fmt::format("  {}  -- {}\n", drop.ddl, drop.reason);
    for (const auto& caveat : drop.caveats) out += "     note: " + caveat + "\n";
  }
}

void write_findings(std::string& out, const Advice& advice) {
  if (advice.findings.empty()) return;
  out += fmt::format("\nFindings ({})\n", advice.findings.size());
  for (const auto& f : advice.findings) {
    out += fmt::format("  [{}] {} (template #{}): {}\n", severity_name(f.severity), f.kind,
                       f.templates.empty() ? "?" : rank_of(advice, f.templates.front()), f.summary);
    if (f.saving_ms > 0) out += "     saves about " + human_ms(f.saving_ms) + " over the log\n";
    if (!f.fix_sql.empty()) out += "     sql: " + one_line(f.fix_sql, 160) + "\n";
    if (!f.fix_django.empty()) out += "     django: " + one_line(f.fix_django, 160) + "\n";
  }
}

// Like django-querycount: the sessions (or request bursts) with the most queries first.
void write_sessions(std::string& out, const Advice& advice, size_t top) {
  if (advice.sessions.empty()) return;
  std::vector<const nlohmann::json*> rows;
  for (const auto& row : advice.sessions) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(), [](const nlohmann::json* a, const nlohmann::json* b) {
    return a->value("queries", 0LL) > b->value("queries", 0LL);
  });
  out += fmt::format("\nQueries per session ({}{})\n", advice.sessions.size(),
                     rows.size() > top ? fmt::format(", the {} with most queries", top) : "");
  out += "  session          queries  duplicates      time  from line\n";
  for (size_t i = 0; i < rows.size() && i < top; ++i) {
    const nlohmann::json& row = *rows[i];
    std::string name = row.value("session", "");
    if (row.value("scope", "") == "log") name = "(whole log)";
    if (row.value("burst", 0LL) > 0) name += fmt::format(" #{}", row.value("burst", 0LL));
    out += fmt::format("  {:<16} {:>7}  {:>10}  {:>8}  {}\n", name.empty() ? "-" : name, row.value("queries", 0LL),
                       row.value("duplicates", 0LL), human_ms(row.value("total_ms", 0.0)), row.value("first_line", 0));
  }
}

void write_rewrites(std::string& out, const Advice& advice) {
  if (advice.rewrites.empty()) return;
  out += fmt::format("\nIN-subquery rewrites ({})\n", advice.rewrites.size());
  for (const auto& r : advice.rewrites) {
    out += fmt::format("  template #{} ({}): {}", rank_of(advice, r.fingerprint), r.kind, rewrite_verdict_name(r.verdict));
    if (r.verdict == RewriteVerdict::Proposed || r.verdict == RewriteVerdict::NotWorthIt)
      out += fmt::format(", {:.2f} ms -> {:.2f} ms ({:.1f}x; step 1 {:.2f} ms, step 2 {:.2f} ms), {} ids{}",
                         r.before_ms, r.after_ms, r.speedup(), r.step1_ms, r.step2_ms, r.id_count,
                         r.ids_include_null ? " with a NULL" : "");
    out += "\n";
    if (!r.subquery_form.empty())
      out += fmt::format("     the subquery ({}) reads {:.0f} rows in {:.2f} ms of the replay's {:.2f} ms\n", r.subquery_form,
                         r.subquery_rows, r.subquery_ms, r.plan_ms);
    if (!r.reason.empty()) out += "     " + r.reason + "\n";
    if (r.verdict != RewriteVerdict::Proposed) continue;
    out += fmt::format("     verified equal: {}\n", r.comparison);
    out += fmt::format("     step 1{}: {}\n", r.constrained ? " (constrained by the outer query)" : "", one_line(r.steps.at(0), 200));
    out += fmt::format("     step 2 ({} list): {}\n", r.list_form, one_line(r.steps.at(1), 200));
    if (r.django)
      for (size_t start = 0, end; start < r.django->size(); start = end + 1) {
        end = r.django->find('\n', start);
        if (end == std::string::npos) end = r.django->size();
        out += "     django: " + r.django->substr(start, end - start) + "\n";
      }
    if (!r.size_note.empty()) out += "     note: " + r.size_note + "\n";
  }
}

void write_verification(std::string& out, const Advice& advice) {
  const VerificationSummary& v = advice.verification;
  if (!v.ran) {
    if (!v.note.empty()) out += "\nVerification: " + v.note + "\n";
    return;
  }
  out += fmt::format("\nVerification (indexes created for real, measured, rolled back)\n");
  out += fmt::format("  {} template(s): replay time {:.2f} ms -> {:.2f} ms ({:.1f}x); at the log's calls {:.2f} ms -> {:.2f} ms\n",
                     v.templates, v.before_ms, v.after_ms, v.before_ms / std::max(v.after_ms, 1e-3),
                     v.weighted_before_ms, v.weighted_after_ms);
  out += fmt::format("  real size of the created indexes: {}\n", human_bytes(v.created_size_bytes));
  if (!v.note.empty()) out += "  " + v.note + "\n";
}

void write_diagnostics(std::string& out, const Advice& advice) {
  out += fmt::format("\nDiagnostics ({})\n", advice.diagnostics.size());
  for (const auto& diagnostic : advice.diagnostics) {
    std::string where = diagnostic.line > 0 ? fmt::format("{}:{}", diagnostic.source, diagnostic.line) : diagnostic.source;
    out += fmt::format("  {}: {}", where, diagnostic.message);
    if (!diagnostic.statement.empty()) out += " [" + one_line(diagnostic.statement, 60) + "]";
    out += "\n";
  }
}

}  // namespace

std::string advice_to_text(const Advice& advice, size_t top) {
  std::string out = fmt::format("pgadvisor audit of {} statement(s) in {} log(s) on {} (server {})\n\n",
                                advice.statements, advice.logs.size(), advice.database, advice.server_version);
  write_templates(out, advice, top);
  write_indexes(out, advice);
  write_findings(out, advice);
  write_sessions(out, advice, top);
  write_rewrites(out, advice);
  write_drops(out, advice);
  write_verification(out, advice);
  write_diagnostics(out, advice);
  return out;
}

}  // namespace pgadvisor
