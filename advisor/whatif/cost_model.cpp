#include "advisor/whatif/cost_model.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace pgadvisor {
namespace {

// When replay measured nothing (a log of writes only, replayed without --analyze-writes): the
// fixture Django workload's measured ratios lie between 0.002 and 0.007 ms per cost unit.
constexpr double kUnmeasuredMsPerCost = 0.003;

bool holds_column(const IndexDefinition& definition, const std::string& column) {
  for (const auto& key : definition.columns)
    if (key.name == column || (key.expression && key.name.find(column) != std::string::npos)) return true;
  if (std::find(definition.include.begin(), definition.include.end(), column) != definition.include.end()) return true;
  return !definition.where.empty() && definition.where.find(column) != std::string::npos;
}

bool holds_any(const IndexDefinition& definition, const std::vector<std::string>& columns) {
  return std::any_of(columns.begin(), columns.end(), [&](const std::string& c) { return holds_column(definition, c); });
}

const PlanNode* find_modify_table(const PlanNode& node) {
  if (node.node_type == "ModifyTable") return &node;
  for (const auto& child : node.children)
    if (const PlanNode* found = find_modify_table(child)) return found;
  return nullptr;
}

}  // namespace

std::vector<TimeScale> time_scales(const std::vector<const QueryTemplate*>& templates,
                                   const std::vector<const ReplayResult*>& replays) {
  std::vector<TimeScale> scales(replays.size());
  std::vector<double> measured;
  for (size_t i = 0; i < replays.size(); ++i) {
    const ReplayResult* replay = replays[i];
    if (!replay || !replay->plan || replay->plan->root.total_cost <= 0) continue;
    const double cost = replay->plan->root.total_cost;
    const QueryTemplate* tmpl = i < templates.size() ? templates[i] : nullptr;
    if (tmpl && tmpl->calls > 0 && tmpl->total_ms > 0)
      scales[i] = {tmpl->mean_ms() / cost, true, TimeSource::Log};
    else if (auto median = replay->median_ms())
      scales[i] = {*median / cost, true, TimeSource::Replay};
    else if (replay->lower_bound_ms)
      scales[i] = {*replay->lower_bound_ms / cost, true, TimeSource::Timeout};
    else
      continue;
    measured.push_back(scales[i].ms_per_cost);
  }
  double borrowed = kUnmeasuredMsPerCost;
  if (!measured.empty()) {
    std::nth_element(measured.begin(), measured.begin() + static_cast<long>(measured.size() / 2), measured.end());
    borrowed = measured[measured.size() / 2];
  }
  for (auto& scale : scales)
    if (!scale.measured) scale.ms_per_cost = borrowed;
  return scales;
}

std::vector<TimeScale> workload_time_scales(std::vector<TimeScale> scales, const std::vector<double>& calls,
                                            const std::vector<double>& costs) {
  double ms = 0, cost = 0;
  for (size_t t = 0; t < scales.size(); ++t) {
    if (!scales[t].measured || costs[t] <= 0) continue;
    ms += calls[t] * costs[t] * scales[t].ms_per_cost;
    cost += calls[t] * costs[t];
  }
  if (cost <= 0) return scales;
  for (auto& scale : scales) scale.ms_per_cost = ms / cost;
  return scales;
}

double rows_written(const Plan& plan) {
  const PlanNode* modify = find_modify_table(plan.root);
  if (!modify || modify->children.empty()) return 0;
  const PlanNode& input = modify->children.front();
  if (input.actual_rows) return *input.actual_rows * input.actual_loops.value_or(1);
  return input.plan_rows;
}

std::vector<TableWrite> table_writes(const std::vector<const QueryTemplate*>& templates,
                                     const std::vector<const ReplayResult*>& replays) {
  std::vector<TableWrite> writes;
  for (size_t i = 0; i < templates.size(); ++i) {
    const QueryTemplate& tmpl = *templates[i];
    StatementKind kind = tmpl.statement_class.kind;
    if (kind != StatementKind::Insert && kind != StatementKind::Update && kind != StatementKind::Delete) continue;
    double rows = replays[i] && replays[i]->plan ? rows_written(*replays[i]->plan) : 1;
    for (const auto& table : tmpl.statement_class.written_tables)
      writes.push_back({table, kind, tmpl.calls, std::max(rows, 1.0), tmpl.facts.updated_columns, tmpl.fingerprint});
  }
  return writes;
}

double write_penalty_ms(const IndexCandidate& candidate, const std::vector<TableWrite>& writes,
                        const std::vector<ExistingIndex>& existing, const CostModelOptions& options) {
  const IndexDefinition& definition = candidate.definition;
  std::string table = definition.qualified_table();
  size_t table_indexes = 0;
  bool hot_already_lost_for = false;
  double total = 0;
  for (const auto& write : writes) {
    if (write.table != table) continue;
    double entries = static_cast<double>(write.calls) * write.rows_per_call;
    if (write.kind != StatementKind::Update) {
      total += entries * options.index_write_ms;
      continue;
    }
    if (!holds_any(definition, write.updated_columns)) continue;  // still a HOT update for this index
    table_indexes = 0;
    hot_already_lost_for = false;
    for (const auto& index : existing) {
      if (index.definition.qualified_table() != table) continue;
      ++table_indexes;
      hot_already_lost_for = hot_already_lost_for || holds_any(index.definition, write.updated_columns);
    }
    double indexes_touched = hot_already_lost_for ? 1.0 : 1.0 + static_cast<double>(table_indexes);
    total += entries * indexes_touched * options.index_write_ms;
  }
  return total;
}

std::optional<double> log_span_seconds(const std::string& first, const std::string& last) {
  auto parse = [](const std::string& text) -> std::optional<double> {
    std::tm tm{};
    double seconds = 0;
    if (std::sscanf(text.c_str(), "%d-%d-%d %d:%d:%lf", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &seconds) != 6)
      return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return static_cast<double>(timegm(&tm)) + seconds;
  };
  auto from = parse(first), to = parse(last);
  if (!from || !to) return std::nullopt;
  return *to - *from;
}

std::optional<double> per_day_factor(const std::string& first, const std::string& last) {
  auto span = log_span_seconds(first, last);
  if (!span || *span < 1.0) return std::nullopt;
  return 86400.0 / *span;
}

}  // namespace pgadvisor
