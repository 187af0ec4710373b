#include "advisor/selection/index_advisor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <chrono>
#include <map>
#include <set>

#include "advisor/candidates/candidate_generation.hpp"
#include "advisor/candidates/catalog_facts.hpp"
#include "advisor/candidates/existing_index_match.hpp"
#include "advisor/selection/drop_suggestions.hpp"
#include "plans/json_text.hpp"
#include "plans/pg/foreign_keys.hpp"
#include "plans/plan/plan_tree.hpp"
#include "advisor/selection/proposal_evidence.hpp"
#include "advisor/selection/extend_seed.hpp"
#include "advisor/selection/swap_search.hpp"
#include "advisor/selection/widening.hpp"

namespace pgadvisor {
namespace {

bool plannable(const TemplateAdvice& advice) {
  bool planned = has_usable_plan(advice.replay);
  StatementKind kind = advice.tmpl.statement_class.kind;
  return planned && (kind == StatementKind::Select || kind == StatementKind::Update || kind == StatementKind::Delete);
}

struct Targets {
  std::vector<const QueryTemplate*> templates;
  std::vector<const ReplayResult*> replays;
  std::vector<std::string> tables;  // read by the templates, and the tables of their candidates
  // templates costed with a UTF-8 stand-in of their sample, or with facts read with the catalog
  std::deque<QueryTemplate> stand_ins;
};

// hypopg (1.4) fails to plan any statement with a byte that is not UTF-8 once a hypothetical
// index exists ("invalid byte sequence for encoding UTF8"), even in a SQL_ASCII database. Such a
// statement is costed with each of those bytes read as '?'. The estimates can differ from the
// real constant's (a value among the most common ones becomes an unknown one); the index it
// needs is the same, and --verify measures the real statement.
Targets targets_of(const Advice& advice) {
  Targets targets;
  std::vector<const TemplateAdvice*> entries;
  for (const auto& entry : advice.templates)
    if (!entry.superseded_by_rewrite) entries.push_back(&entry);
  for (const auto& entry : advice.rewrite_steps) entries.push_back(&entry);
  for (const TemplateAdvice* pointer : entries) {
    const TemplateAdvice& entry = *pointer;
    if (!plannable(entry)) continue;
    const QueryTemplate* tmpl = &entry.tmpl;
    Statement stand_in = tmpl->sample;
    stand_in.sql = invalid_utf8_as(stand_in.sql, '?');
    for (auto& param : stand_in.params)
      if (param) param = invalid_utf8_as(*param, '?');
    if (stand_in.sql != tmpl->sample.sql || stand_in.params != tmpl->sample.params) {
      targets.stand_ins.push_back(*tmpl);
      targets.stand_ins.back().sample = std::move(stand_in);
      tmpl = &targets.stand_ins.back();
    }
    targets.templates.push_back(tmpl);
    targets.replays.push_back(&entry.replay);
    for (const auto& table : entry.tmpl.facts.table_names())
      if (std::find(targets.tables.begin(), targets.tables.end(), table) == targets.tables.end())
        targets.tables.push_back(table);
  }
  return targets;
}

void compare_with_exact(WorkloadObjective& objective, const AdvisorOptions& options, const SelectionOptions& selection,
                        size_t rule_candidates, const Configuration& chosen, SelectionSummary& summary) {
  ExactLimits limits;
  limits.among = std::vector<size_t>(chosen.begin(), chosen.end());
  for (size_t c = 0; c < rule_candidates; ++c) limits.among->push_back(c);
  limits.max_group = options.exact ? options.forced_exact_group : options.exact_group;
  std::string refusal;
  auto exact = select_exact(objective, selection, refusal, limits);
  if (!exact) {
    summary.exact_note = "exact search not run: " + refusal + (options.exact ? "" : "; --exact takes larger groups");
    return;
  }
  summary.exact_net_ms = exact->net_ms;
  summary.greedy_to_exact = exact->net_ms > 1e-9 ? summary.net_ms / exact->net_ms : 1.0;
}

// Candidates on --exclude-table tables, dropped with one diagnostic per table.
void drop_excluded(std::vector<IndexCandidate>& candidates, const std::vector<std::string>& excluded,
                   Diagnostics& diagnostics) {
  if (excluded.empty()) return;
  std::map<std::string, long long> dropped;
  auto is_excluded = [&](const IndexCandidate& candidate) {
    std::string qualified = candidate.definition.qualified_table();
    for (const auto& name : excluded)
      if (name == qualified || name == candidate.definition.table) return ++dropped[name], true;
    return false;
  };
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(), is_excluded), candidates.end());
  for (const auto& [table, count] : dropped)
    diagnostics.push_back({"advisor", 0, fmt::format("{} candidate index(es) on {} not considered (--exclude-table)", count, table), ""});
}

void select_and_explain(Transaction& tx, const Targets& targets, std::vector<IndexCandidate> fresh,
                        const std::vector<TableWrite>& writes, const std::vector<ExistingIndex>& existing,
                        const AdvisorOptions& options, IndexAdvice& advice) {
  WhatIf whatif(tx);
  std::vector<double> write_ms;
  for (const auto& candidate : fresh) write_ms.push_back(write_penalty_ms(candidate, writes, existing, options.cost));
  WhatIfCache cache(whatif, targets.templates, std::move(fresh));
  std::vector<TimeScale> scales = time_scales(targets.templates, targets.replays);
  std::vector<double> calls, costs, ms_per_cost;
  for (size_t t = 0; t < targets.templates.size(); ++t) {
    calls.push_back(static_cast<double>(targets.templates[t]->calls));
    costs.push_back(targets.replays[t]->plan ? targets.replays[t]->plan->root.total_cost : 0);
  }
  if (options.weigh_by == Weighing::Cost) scales = workload_time_scales(std::move(scales), calls, costs);
  for (const auto& scale : scales) ms_per_cost.push_back(scale.ms_per_cost);
  advice.selection.weigh_by = options.weigh_by == Weighing::Cost ? "cost" : "time";
  WorkloadObjective objective(cache, calls, ms_per_cost, write_ms);
  objective.set_write_penalty([&](const IndexCandidate& candidate) {
    return write_penalty_ms(candidate, writes, existing, options.cost);
  });

  SelectionOptions selection = options.selection;
  selection.per_day = advice.selection.per_day;
  double best_alone = 0;
  for (size_t c : objective.useful_candidates()) best_alone = std::max(best_alone, objective.delta_ms({}, {c}));
  selection.min_benefit_ms = std::max(selection.min_benefit_ms, selection.min_benefit_share * best_alone);
  advice.selection.min_benefit_ms = selection.min_benefit_ms;
  advice.selection.min_call_saving_ms = selection.min_call_saving_ms;
  advice.selection.significant_call_saving_ms = selection.significant_call_saving_ms;
  advice.selection.min_improvement = selection.min_improvement;
  advice.selection.min_saving_per_mb_ms = selection.min_saving_per_mb_ms;
  advice.selection.min_saving_per_mb_day_ms = selection.per_day ? std::optional<double>(selection.min_saving_per_mb_day_ms)
                                                                : std::nullopt;
  // Under a size budget the choice is a packing problem (the analytical case): Extend's widening,
  // Extend as a second start and the swap search fill it. Without one, the rules' candidates and
  // the greedy's lean preference give the indexes an expert writes for an OLTP log.
  const bool packing = selection.budget_bytes > 0;
  const size_t rule_candidates = cache.candidates().size();
  if (packing) objective.link_pairs();
  Widening widen;
  if (packing) widen = widening_for(objective, targets.templates, options.candidates.max_columns, options.candidates.max_include);
  Selection chosen;
  if (!packing) {
    chosen = select_greedy(objective, selection, widen);
  } else {
    // Several starts, each improved by the swap search; the one that saves most is kept. Greedy
    // passes that rank by saving / size^e for e from 1 to 0 fill a budget differently (many
    // small indexes first, or big ones); Extend is the last.
    std::vector<Selection> starts;
    for (double size_exponent : {1.0, 0.75, 0.5, 0.25, 0.0}) starts.push_back(greedy_pass(objective, selection, size_exponent, widen));
    if (auto seeded = extend_seeded(objective, targets.templates, selection, options.candidates.max_columns))
      starts.push_back(std::move(*seeded));
    for (auto& start : starts) {
      Selection improved = improve_by_swaps(objective, selection, std::move(start));
      if (chosen.method.empty() || improved.net_ms > chosen.net_ms) chosen = std::move(improved);
    }
  }
  SelectionSummary& summary = advice.selection;
  summary.method = chosen.method;
  summary.net_ms = chosen.net_ms;
  summary.total_size_bytes = chosen.size_bytes;
  summary.useful_candidates = static_cast<long long>(objective.useful_candidates().size());
  compare_with_exact(objective, options, selection, rule_candidates, chosen.chosen, summary);
  advice.indexes = build_proposals(objective, cache, chosen.chosen, scales);
  summary.whatif = cache.stats();
  whatif.reset();
}

std::vector<std::string> indexes_used_by_replays(const Advice& advice) {
  std::vector<std::string> names;
  for (const auto& entry : advice.templates)
    if (entry.replay.plan)
      for (const PlanNode* node : plan_nodes(*entry.replay.plan))
        if (!node->index_name.empty()) names.push_back(node->index_name);
  return names;
}

}  // namespace

void advise_indexes(Session& session, const AdvisorOptions& options, const Advice& audited, IndexAdvice& advice) {
  auto started = std::chrono::steady_clock::now();
  SelectionSummary& summary = advice.selection;
  summary.per_day = audited.selection.per_day;
  summary.max_indexes = options.selection.max_indexes;
  summary.budget_bytes = options.selection.budget_bytes;
  Targets targets = targets_of(audited);
  if (targets.templates.empty()) return;

  std::vector<const QueryTemplate*> all_templates;
  std::vector<const ReplayResult*> all_replays;
  for (const auto& entry : audited.templates) {
    all_templates.push_back(&entry.tmpl);
    all_replays.push_back(&entry.replay);
  }
  std::vector<TableWrite> writes = table_writes(all_templates, all_replays);

  bool have_hypopg = false;
  std::vector<ExistingIndex> existing;
  std::vector<ForeignKey> foreign_keys;
  std::set<std::string> exclusion_indexes;
  std::vector<IndexCandidate> candidates;
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    have_hypopg = hypopg_installed(tx);
    resolve_with_catalog(tx, targets.templates, targets.stand_ins, advice.diagnostics);
    candidates = build_candidates(tx, targets.templates, options.candidates, advice.diagnostics);
    drop_excluded(candidates, options.excluded_tables, advice.diagnostics);
    for (const auto& candidate : candidates) {
      std::string table = candidate.definition.qualified_table();
      if (std::find(targets.tables.begin(), targets.tables.end(), table) == targets.tables.end())
        targets.tables.push_back(table);
    }
    existing = read_existing_indexes(tx, targets.tables);
    foreign_keys = read_foreign_keys(tx, targets.tables);
    exclusion_indexes = read_exclusion_indexes(tx, targets.tables);
  });
  std::set<std::string> tables_written;
  for (const auto& write : writes) tables_written.insert(write.table);
  advice.drops = suggest_drops(existing, indexes_used_by_replays(audited), foreign_keys, tables_written, exclusion_indexes);

  std::vector<IndexCandidate> fresh;
  for (auto& candidate : candidates) {
    if (const ExistingIndex* index = serving_index(candidate, existing))
      advice.already_served.push_back({candidate, index->name});
    else
      fresh.push_back(std::move(candidate));
  }
  summary.candidates = static_cast<long long>(fresh.size());

  TransactionMode mode = have_hypopg ? TransactionMode::ReadOnly : TransactionMode::ReadWrite;
  try {
    session.replayed(mode, [&](Transaction& tx) {
      select_and_explain(tx, targets, std::move(fresh), writes, existing, options, advice);
    });
  } catch (const DatabaseError& error) {  // the replay's results are kept and reported; the audit says it is incomplete
    if (is_connection_lost(error.sqlstate()) || session.cancel_requested()) throw;  // a failed or interrupted stage
    const std::string message = error.what();
    summary.unavailable = have_hypopg ? "the what-if search failed: " + message : message;
    summary.hypopg_missing = !have_hypopg;
    advice.diagnostics.push_back({"what-if", 0, std::string("index advice unavailable: ") + error.what(), ""});
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace pgadvisor
