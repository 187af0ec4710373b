#include "advisor/report_text.hpp"

#include <fmt/format.h>

#include "advisor/text_format.hpp"
#include "plans/plan/plan_tree.hpp"

namespace pgadvisor {
namespace {

size_t rank_of(const Advice& advice, const std::string& fingerprint) {
  for (size_t i = 0; i < advice.templates.size(); ++i)
    if (advice.templates[i].tmpl.fingerprint == fingerprint) return i + 1;
  return 0;
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

void write_indexes(std::string& out, const Advice& advice) {
  out += fmt::format("\nProposed indexes ({}; {} candidates evaluated, {} what-if plans)\n", advice.indexes.size(),
                     advice.candidates_evaluated, advice.whatif_requests);
  if (advice.indexes.empty()) out += "  none: no candidate lowers a template's cost enough\n";
  for (size_t i = 0; i < advice.indexes.size(); ++i) {
    const IndexProposal& proposal = advice.indexes[i];
    out += fmt::format("  {}. {}\n", i + 1, proposal.candidate.ddl());
    out += fmt::format("     estimated size {}; serves {} template(s):\n", human_bytes(proposal.size_bytes),
                       proposal.templates.size());
    for (const auto& cost : proposal.templates) {
      double drop = cost.cost_before > 0 ? 100.0 * (cost.cost_before - cost.cost_after) / cost.cost_before : 0;
      out += fmt::format("       template #{} ({} calls): cost {:.1f} -> {:.1f} (-{:.1f}%)\n",
                         rank_of(advice, cost.fingerprint), cost.calls, cost.cost_before, cost.cost_after, drop);
    }
  }
  if (!advice.already_served.empty()) {
    out += fmt::format("\nCandidates already served by an existing index ({})\n", advice.already_served.size());
    for (const auto& served : advice.already_served)
      out += fmt::format("  {} -- by {}\n", served.candidate.key(), served.existing_index);
  }
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
  write_diagnostics(out, advice);
  return out;
}

}  // namespace pgadvisor
