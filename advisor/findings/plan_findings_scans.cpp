// The plan-finding detectors about how much a plan reads and returns: nested loops that run
// their inner side very often, large sequential scans in frequent templates, SELECTs without
// LIMIT that return many rows.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "advisor/findings/plan_findings_context.hpp"

namespace pgadvisor::plan_detect {
namespace {

using plan_fixes::Fix;
using plan_fixes::node_label;

const PlanNode* child_with(const PlanNode& node, const std::string& relationship, size_t fallback) {
  for (const auto& child : node.children)
    if (child.parent_relationship == relationship) return &child;
  return fallback < node.children.size() ? &node.children[fallback] : nullptr;
}

// The first node of the subtree that reads a relation (through Memoize, Materialize, ...).
const PlanNode* first_scan(const PlanNode& node) {
  if (!node.relation.empty()) return &node;
  for (const auto& child : node.children)
    if (const PlanNode* scan = first_scan(child)) return scan;
  return nullptr;
}

void append(Fix& fix, const Fix& more) {
  if (more.sql.empty() && more.django.empty()) return;
  fix.sql += (fix.sql.empty() ? "" : "\n") + more.sql;
  fix.django += (fix.django.empty() ? "" : "\n") + more.django;
}

}  // namespace

void nested_loop_loops(PlanContext& context) {
  auto inner_of = [](const PlanNode& n) { return child_with(n, "Inner", 1); };
  const Visit* visit = context.worst([&](const Visit& v) {
    if (v.node->node_type != "Nested Loop") return 0.0;
    const PlanNode* inner = inner_of(*v.node);
    double inner_loops = inner ? inner->actual_loops.value_or(0) : 0;
    return inner_loops >= context.options.loop_count ? inner_loops : 0.0;
  });
  if (!visit) return;
  const PlanNode& join = *visit->node;
  const PlanNode& inner = *inner_of(join);
  const PlanNode* outer = child_with(join, "Outer", 0);
  double inner_loops = *inner.actual_loops;
  double time_ms = context.node_ms(*visit);
  double inner_ms = inner.actual_total_ms.value_or(0) * inner_loops;
  const QueryFacts& facts = context.tmpl.facts;

  Fix fix;
  std::string remedy;
  const PlanNode* scan = first_scan(inner);
  if (scan && scan->index_name.empty()) {
    std::string column = plan_fixes::join_column(facts, scan->relation);
    if (!column.empty()) {
      append(fix, plan_fixes::column_index_fix(facts, scan->relation, column));
      remedy = "an index on " + scan->relation + " (" + column + ") makes each inner run a lookup";
    }
  }
  std::vector<std::string> outer_relations = outer ? plan_fixes::subtree_relations(*outer) : std::vector<std::string>{};
  std::optional<double> outer_error = outer ? row_estimate_error(*outer) : std::nullopt;
  bool outer_misestimated = outer_error && *outer_error >= context.options.misestimate_factor;
  std::string outer_estimate;
  if (outer_misestimated)
    outer_estimate = fmt::format(" (the outer side was estimated at {:.0f} rows and returned {:.0f})",
                                 outer->plan_rows * loops(*outer), total_rows(*outer));
  if (!outer_relations.empty() && (outer_misestimated || fix.sql.empty())) {
    append(fix, plan_fixes::statistics_fix(facts, outer_relations, {}));
    std::string tables = plan_fixes::comma_list(outer_relations);
    remedy += std::string(remedy.empty() ? "" : "; ") +
              (outer_misestimated ? "ANALYZE of " + tables + " lets the planner see how many outer rows there are"
                                  : "ANALYZE " + tables + " in case its statistics are stale, or fetch fewer outer rows");
  }
  if (remedy.empty()) remedy = "fetch fewer outer rows, or the inner rows in one query";
  context.add(FindingKind::NestedLoopLoops, context.severity(time_ms),
              fmt::format("A nested loop ran {} {:.0f} times{}, {:.1f} ms in all; {}.", node_label(inner),
                          inner_loops, outer_estimate, time_ms, remedy),
              {{"node", node_label(join)},
               {"loops", count(inner_loops)},
               {"inner_node", node_label(inner)},
               {"inner_relation", scan ? scan->relation : ""},
               {"outer_estimated", outer ? count(outer->plan_rows * loops(*outer)) : 0},
               {"outer_rows", outer ? count(total_rows(*outer)) : 0},
               {"time_ms", round_to(time_ms, 3)},
               {"inner_time_ms", round_to(inner_ms, 3)}},
              fix);
}

void seq_scan_large_frequent(PlanContext& context) {
  const PlanFindingOptions& options = context.options;
  if (context.tmpl.calls < options.frequent_calls) return;
  // Rows kept and removed over every loop; a scan a Limit stopped early read at least the
  // rows it was expected to return.
  auto rows_read = [](const Visit& v) {
    const PlanNode& n = *v.node;
    double read = (n.actual_rows.value_or(0) + n.rows_removed_by_filter.value_or(0)) * loops(n);
    return v.cut_short ? std::max(read, n.plan_rows * loops(n)) : read;
  };
  const Visit* visit = context.worst([&](const Visit& v) {
    const std::string& type = v.node->node_type;
    if (type != "Seq Scan" && type != "Parallel Seq Scan") return 0.0;
    return rows_read(v) >= options.large_relation_rows ? rows_read(v) : 0.0;
  });
  if (!visit) return;
  const PlanNode& scan = *visit->node;
  const QueryTemplate& tmpl = context.tmpl;
  double read = rows_read(*visit);
  std::vector<std::string> columns = plan_fixes::filter_columns(scan, tmpl.facts);
  Fix fix;  // the index advice proposes the index itself
  std::string remedy;
  if (!scan.filter.empty()) {
    remedy = "see the proposed indexes";
    fix.django = "# see the proposed indexes: an index on " + scan.relation +
                 (columns.empty() ? "" : " (" + plan_fixes::comma_list(columns) + ")") +
                 " in the model's Meta.indexes";
  } else {
    remedy = "it reads the whole table each time: select fewer rows or cache the result";
    fix.django = "# read fewer rows (.filter(...)[:n]) or keep the result in django.core.cache";
  }
  double time_ms = context.node_ms(*visit);
  context.add(FindingKind::SeqScanLargeFrequent, context.severity(time_ms),
              fmt::format("{} reads {:.0f} rows on each of {} calls ({:.1f} ms over the log); {}.", node_label(scan),
                          read, tmpl.calls, tmpl.total_ms, remedy),
              {{"node", node_label(scan)},
               {"relation", scan.relation},
               {"filter", scan.filter},
               {"rows_read", count(read)},
               {"calls", tmpl.calls},
               {"total_ms", tmpl.total_ms},
               {"time_ms", round_to(time_ms, 3)}},
              fix);
}

void unbounded_result(PlanContext& context) {
  const QueryTemplate& tmpl = context.tmpl;
  const QueryFacts& facts = tmpl.facts;
  bool select = facts.kind == StatementKind::Select || tmpl.statement_class.kind == StatementKind::Select;
  if (!select || facts.scopes.empty() || facts.scopes[0].limit) return;
  const PlanNode& root = context.plan.root;
  if (root.node_type == "Limit") return;  // LIMIT $1: a limit the facts cannot read
  double rows = total_rows(root);
  if (rows < context.options.unbounded_rows) return;
  Severity severity = tmpl.total_ms >= context.options.high_total_ms ? Severity::High : Severity::Medium;
  context.add(FindingKind::UnboundedResult, severity,
              fmt::format("The SELECT returns {:.0f} rows with no LIMIT ({} call{}, {:.1f} ms over the log); stream "
                          "them with .iterator() or read a page at a time.",
                          rows, tmpl.calls, tmpl.calls == 1 ? "" : "s", tmpl.total_ms),
              {{"rows", count(rows)},
               {"calls", tmpl.calls},
               {"total_ms", tmpl.total_ms},
               {"time_ms", round_to(context.plan_ms, 3)}},
              plan_fixes::unbounded_fix(facts));
}

}  // namespace pgadvisor::plan_detect
