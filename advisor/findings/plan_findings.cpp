#include "advisor/findings/plan_findings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "advisor/findings/plan_findings_context.hpp"

namespace pgadvisor {
namespace plan_detect {
namespace {

using plan_fixes::Fix;
using plan_fixes::node_label;

void walk(const PlanNode& node, bool cut_short, bool parallel, std::vector<Visit>& out) {
  out.push_back({&node, cut_short, parallel});
  const std::string& type = node.node_type;
  // A sorted (streaming) aggregate, a GroupAggregate, stops reading when the Limit above stops it.
  bool blocking = type == "Sort" || type == "Hash" || (type == "Aggregate" && node.strategy != "Sorted") ||
                  type == "SetOp";
  bool child_cut = (cut_short || type == "Limit") && !blocking;
  bool child_parallel = parallel || type == "Gather" || type == "Gather Merge";
  for (const auto& child : node.children) {
    bool own_plan = child.parent_relationship == "InitPlan" || child.parent_relationship == "SubPlan";
    walk(child, child_cut && !own_plan, child_parallel, out);
  }
}

}  // namespace

double round_to(double value, int decimals) {
  double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

PlanContext::PlanContext(const QueryTemplate& tmpl_, const Plan& plan_, const PlanFindingOptions& options_)
    : tmpl(tmpl_), plan(plan_), options(options_) {
  walk(plan.root, false, false, visits);
  plan_ms = plan.execution_ms.value_or(plan.root.actual_total_ms.value_or(0));
}

double PlanContext::node_ms(const Visit& visit) const {
  if (!visit.node->actual_total_ms) return 0;
  return *visit.node->actual_total_ms * (visit.parallel ? 1 : loops(*visit.node));
}

Severity PlanContext::severity(double node_time_ms) const {
  bool large_share = plan_ms > 0 && node_time_ms >= options.high_plan_share * plan_ms;
  return tmpl.total_ms >= options.high_total_ms || large_share ? Severity::High : Severity::Medium;
}

void PlanContext::add(FindingKind kind, Severity severity, std::string summary, nlohmann::json evidence,
                      Fix fix) {
  Finding finding;
  finding.kind = kind;
  finding.severity = severity;
  finding.templates = {tmpl.fingerprint};
  finding.summary = std::move(summary);
  finding.evidence = std::move(evidence);
  finding.fix_sql = std::move(fix.sql);
  finding.fix_django = std::move(fix.django);
  findings.push_back(std::move(finding));
}

void disk_sort(PlanContext& context) {
  const Visit* visit = context.worst([](const Visit& v) {
    const PlanNode& n = *v.node;
    return n.node_type == "Sort" && n.sort_space_type == "Disk" ? double(n.sort_space_used_kb.value_or(0)) + 1 : 0;
  });
  if (!visit) return;
  const PlanNode& sort = *visit->node;
  double space_kb = double(sort.sort_space_used_kb.value_or(0));
  double rows = sort.children.empty() ? total_rows(sort) : total_rows(sort.children[0]);  // rows sorted
  double time_ms = context.node_ms(*visit);
  // Sorted in memory, the rows take about twice their space on disk (tuple headers, pointers).
  long long mb = plan_fixes::work_mem_mb_above(2 * space_kb);
  Fix fix = plan_fixes::work_mem_fix(mb);
  Fix index = plan_fixes::order_index_fix(sort, context.tmpl.facts);
  std::string summary = fmt::format(
      "A sort by {} spilled {:.0f} kB to disk ({}) sorting {:.0f} rows in {:.1f} ms; work_mem = '{}MB' may keep it "
      "in memory",
      plan_fixes::comma_list(sort.sort_key), space_kb, sort.sort_method, rows, time_ms, mb);
  if (!index.sql.empty()) {
    summary += ", or an index in the ORDER BY order avoids the sort";
    fix.sql += "\n-- or an index that returns the rows in ORDER BY order, with no sort:\n" + index.sql;
    fix.django += "\n# or an index that returns the rows in ORDER BY order, with no sort:\n" + index.django;
  }
  context.add(FindingKind::DiskSort, context.severity(time_ms), summary + ".",
              {{"node", node_label(sort)},
               {"sort_method", sort.sort_method},
               {"space_kb", sort.sort_space_used_kb.value_or(0)},
               {"rows", count(rows)},
               {"sort_key", sort.sort_key},
               {"time_ms", round_to(time_ms, 3)},
               {"work_mem_mb", mb}},
              fix);
}

void hash_spill(PlanContext& context) {
  auto batches_of = [](const PlanNode& n) {
    return std::max(n.hash_batches.value_or(1), n.original_hash_batches.value_or(1));
  };
  const Visit* visit = context.worst([&](const Visit& v) {
    return v.node->node_type == "Hash" && batches_of(*v.node) > 1 ? double(batches_of(*v.node)) : 0.0;
  });
  if (!visit) return;
  const PlanNode& hash = *visit->node;
  long long batches = batches_of(hash);
  double rows = total_rows(hash);
  // In one batch the table needs about what one batch took, times the batches.
  double needed_kb = hash.peak_memory_kb ? double(*hash.peak_memory_kb) * double(batches)
                                         : rows * (hash.plan_width + 64) / 1024.0;
  long long mb = plan_fixes::work_mem_mb_above(needed_kb);
  std::vector<std::string> relations = plan_fixes::subtree_relations(hash);
  std::string relation = relations.empty() ? "" : relations[0];
  double time_ms = context.node_ms(*visit);
  context.add(FindingKind::HashSpill, context.severity(time_ms),
              fmt::format("A hash table{} spilled to disk in {} batches (peak memory {} kB, {:.0f} rows); "
                          "work_mem = '{}MB' may keep it in one batch.",
                          relation.empty() ? "" : " of " + relation, batches, hash.peak_memory_kb.value_or(0), rows, mb),
              {{"node", node_label(hash)},
               {"relation", relation},
               {"batches", batches},
               {"original_batches", hash.original_hash_batches.value_or(batches)},
               {"peak_memory_kb", hash.peak_memory_kb.value_or(0)},
               {"rows", count(rows)},
               {"time_ms", round_to(time_ms, 3)},
               {"work_mem_mb", mb}},
              plan_fixes::work_mem_fix(mb));
}

void misestimate(PlanContext& context) {
  const PlanFindingOptions& options = context.options;
  const Visit* visit = context.worst([&](const Visit& v) {
    const PlanNode& n = *v.node;
    std::optional<double> error = row_estimate_error(n);
    if (!error || *error < options.misestimate_factor) return 0.0;
    if (v.cut_short && *n.actual_rows < n.plan_rows) return 0.0;  // stopped early by a Limit
    if (std::max(total_rows(n), n.plan_rows * loops(n)) < options.misestimate_min_rows) return 0.0;
    return *error;
  }, true);  // a Limit or Gather above a misestimated node inherits its error
  if (!visit) return;
  const PlanNode& node = *visit->node;
  double factor = *row_estimate_error(node);
  double actual = node.actual_rows.value_or(0);
  std::vector<std::string> relations =
      node.relation.empty() ? plan_fixes::subtree_relations(node) : std::vector<std::string>{node.relation};
  std::vector<std::string> columns;
  if (!node.relation.empty()) columns = plan_fixes::filter_columns(node, context.tmpl.facts);
  std::string remedy = columns.size() >= 2 ? "extended statistics on its columns (" + plan_fixes::comma_list(columns) +
                                                 ") and ANALYZE would give"
                                           : "ANALYZE would give";
  std::string per_loop = loops(node) > 1 ? fmt::format(" per loop over {:.0f} loops", loops(node)) : "";
  double time_ms = context.node_ms(*visit);
  context.add(FindingKind::Misestimate, context.severity(time_ms),
              fmt::format("{} was estimated at {:.0f} rows but returned {:.0f}{} ({:.0f}x {}-estimated); {} the "
                          "planner the true count.",
                          node_label(node), node.plan_rows, actual, per_loop, factor,
                          actual > node.plan_rows ? "under" : "over", remedy),
              {{"node", node_label(node)},
               {"relation", node.relation},
               {"estimated", count(node.plan_rows)},
               {"actual", count(actual)},
               {"loops", count(loops(node))},
               {"factor", round_to(factor, 1)},
               {"columns", columns},
               {"time_ms", round_to(time_ms, 3)}},
              plan_fixes::statistics_fix(context.tmpl.facts, relations, columns));
}

void filter_discards(PlanContext& context) {
  const PlanFindingOptions& options = context.options;
  const Visit* visit = context.worst([&](const Visit& v) {
    const PlanNode& n = *v.node;
    if (n.relation.empty() || n.node_type.find("Scan") == std::string::npos || !n.rows_removed_by_filter) return 0.0;
    double removed = *n.rows_removed_by_filter * loops(n), kept = total_rows(n);
    if (removed < options.filter_min_removed || removed / (removed + kept) <= options.filter_discard_share) return 0.0;
    return removed;
  });
  if (!visit) return;
  const PlanNode& scan = *visit->node;
  double removed = *scan.rows_removed_by_filter * loops(scan), kept = total_rows(scan);
  double share = removed / (removed + kept);
  std::vector<std::string> columns = plan_fixes::filter_columns(scan, context.tmpl.facts);
  Fix fix;  // the index advice proposes the index itself
  fix.django = "# see the proposed indexes: an index on " + scan.relation +
               (columns.empty() ? "" : " (" + plan_fixes::comma_list(columns) + ")") +
               " in the model's Meta.indexes lets PostgreSQL read only the rows it keeps";
  double time_ms = context.node_ms(*visit);
  context.add(FindingKind::FilterDiscards, context.severity(time_ms),
              fmt::format("{} read {:.0f} rows and its filter {} discarded {:.0f} of them ({:.1f}%), keeping {:.0f}; "
                          "see the proposed indexes.",
                          node_label(scan), removed + kept, scan.filter, removed, share * 100, kept),
              {{"node", node_label(scan)},
               {"relation", scan.relation},
               {"filter", scan.filter},
               {"rows_removed", count(removed)},
               {"rows_kept", count(kept)},
               {"share", round_to(share, 4)},
               {"columns", columns},
               {"time_ms", round_to(time_ms, 3)}},
              fix);
}

}  // namespace plan_detect

std::vector<Finding> plan_findings(const QueryTemplate& tmpl, const ReplayResult& replay,
                                   const PlanFindingOptions& options) {
  if (replay.status != ReplayStatus::Analyzed || !replay.plan || !replay.plan->root.actual_rows) return {};
  plan_detect::PlanContext context(tmpl, *replay.plan, options);
  for (auto detect : {plan_detect::disk_sort, plan_detect::hash_spill, plan_detect::misestimate,
                      plan_detect::filter_discards, plan_detect::nested_loop_loops,
                      plan_detect::seq_scan_large_frequent, plan_detect::unbounded_result})
    detect(context);
  return std::move(context.findings);
}

}  // namespace pgadvisor
