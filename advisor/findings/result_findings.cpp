#include "advisor/findings/result_findings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "advisor/findings/session_sequence.hpp"
#include "plans/sql/count_having.hpp"
#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

double rows_of(const PlanNode& node) { return node.actual_rows.value_or(0) * node.actual_loops.value_or(1); }
long long whole(double value) { return static_cast<long long>(value + 0.5); }

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

bool is_select(const QueryTemplate& tmpl) {
  return tmpl.facts.kind == StatementKind::Select || tmpl.statement_class.kind == StatementKind::Select;
}

std::string selected_list(const QueryScope& scope) {
  std::string out;
  for (const auto& column : scope.selected) {
    if (!out.empty()) out += ", ";
    out += "'" + column.column + "'";
  }
  return out;
}

std::string first_table(const QueryFacts& facts) {
  return facts.scopes.empty() || facts.scopes[0].tables.empty() ? "" : facts.scopes[0].tables[0].name;
}

void heavy_columns(const QueryTemplate& tmpl, const Plan& plan, const ResultFindingOptions& options,
                   std::vector<Finding>& out) {
  if (!is_select(tmpl) || tmpl.facts.scopes.empty()) return;
  const QueryScope& scope = tmpl.facts.scopes[0];
  if (scope.selected.size() < 2) return;  // one column: nothing to leave out
  const PlanNode& root = plan.root;
  double rows = rows_of(root);
  int width = root.plan_width;
  if (rows < options.heavy_min_rows || width < options.heavy_row_width) return;
  Finding finding;
  finding.kind = FindingKind::HeavyColumns;
  finding.severity = Severity::Medium;
  finding.templates = {tmpl.fingerprint};
  double mb = rows * width / (1024.0 * 1024.0);
  finding.summary = fmt::format(
      "The SELECT returns {:.0f} rows of about {} bytes each ({:.1f} MB a call, {} columns): fetch only the "
      "columns the page uses.",
      rows, width, mb, scope.selected.size());
  finding.evidence = {{"rows", whole(rows)},
                      {"plan_width", width},
                      {"bytes", whole(rows * width)},
                      {"columns", static_cast<long long>(scope.selected.size())},
                      {"calls", tmpl.calls},
                      {"total_ms", tmpl.total_ms}};
  std::string table = first_table(tmpl.facts);
  finding.fix_sql = fmt::format("-- name only the columns shown instead of all {}:\n-- SELECT id, title, ... FROM {} ...",
                                scope.selected.size(), table.empty() ? "..." : table);
  finding.fix_django =
      "queryset.only('id', 'title')  # the fields the page shows (guessed names)\n"
      "# or queryset.defer('<the large text column>'), or queryset.values_list('id', 'title') for plain tuples\n"
      "# selected now: " + selected_list(scope);
  out.push_back(std::move(finding));
}

void count_for_existence(const QueryTemplate& tmpl, const Plan& plan, const ResultFindingOptions& options,
                         std::vector<Finding>& out) {
  if (!is_select(tmpl)) return;
  if (tmpl.facts.scopes.empty() || tmpl.facts.has_with) return;
  const QueryScope& scope = tmpl.facts.scopes[0];
  if (scope.grouped || !scope.selected.empty() || scope.target_calls != std::vector<std::string>{"count(*)"}) return;
  // Below the (Finalize/Partial) Aggregate and Gather: the rows counted.
  const PlanNode* node = &plan.root;
  while ((node->node_type == "Aggregate" || node->node_type == "Gather" || node->node_type == "Gather Merge") &&
         !node->children.empty())
    node = &node->children.front();
  if (node == &plan.root) return;
  double counted = rows_of(*node);
  if (counted < options.count_min_rows) return;
  Finding finding;
  finding.kind = FindingKind::CountForExistence;
  finding.severity = Severity::Low;
  finding.templates = {tmpl.fingerprint};
  finding.summary = fmt::format(
      "COUNT(*) reads {:.0f} rows a call ({} call{}); if the application only compares the count with 0, "
      ".exists() stops at the first row.",
      counted, tmpl.calls, tmpl.calls == 1 ? "" : "s");
  finding.evidence = {{"rows_counted", whole(counted)},
                      {"calls", tmpl.calls},
                      {"total_ms", tmpl.total_ms},
                      {"node", node->node_type + (node->relation.empty() ? "" : " on " + node->relation)}};
  // The parse tree says the statement is one count(*) with no WITH: its FROM on is kept, as written.
  const std::string head = "SELECT COUNT(*)";
  std::string rest = upper(tmpl.normalized_sql).rfind(head, 0) == 0 ? tmpl.normalized_sql.substr(head.size()) : "";
  size_t from = upper(rest).find("FROM");
  finding.fix_sql = fmt::format("SELECT EXISTS (SELECT 1 {} LIMIT 1)", from == std::string::npos ? "FROM ..." : rest.substr(from));
  finding.fix_django =
      "if queryset.exists():  # instead of queryset.count() > 0 (only when the count is compared with zero)\n"
      "    ...";
  out.push_back(std::move(finding));
}

void fetch_for_count_or_membership(const QueryTemplate& tmpl, const Plan& plan, const ResultFindingOptions& options,
                                   std::vector<Finding>& out) {
  if (!is_select(tmpl) || tmpl.facts.scopes.empty()) return;
  const QueryScope& scope = tmpl.facts.scopes[0];
  if (scope.limit || !scope.order_by.empty() || scope.selected.size() < options.fetch_min_columns) return;
  const QueryFacts& facts = tmpl.facts;
  if (facts.any_limit || facts.any_group_by) return;
  if (std::count(facts.functions.begin(), facts.functions.end(), "count")) return;
  // An IN list of constants: prefetch_related's second query, whose rows all populate objects.
  if (facts.any_in_list) return;
  const PlanNode& root = plan.root;
  if (root.node_type == "Limit" || root.node_type == "Aggregate") return;
  double rows = rows_of(root);
  if (rows < options.fetch_min_rows || rows >= options.fetch_max_rows) return;
  Finding finding;
  finding.kind = FindingKind::FetchForCountOrMembership;
  finding.severity = Severity::Medium;
  finding.templates = {tmpl.fingerprint};
  finding.summary = fmt::format(
      "The SELECT fetches {:.0f} whole rows, unordered and without a LIMIT ({} call{}): if they are only counted "
      "(len()) or searched (`x in ...`), let the database do it.",
      rows, tmpl.calls, tmpl.calls == 1 ? "" : "s");
  finding.evidence = {{"rows", whole(rows)},
                      {"columns", static_cast<long long>(scope.selected.size())},
                      {"plan_width", root.plan_width},
                      {"calls", tmpl.calls},
                      {"total_ms", tmpl.total_ms}};
  finding.fix_sql = "-- SELECT count(*) ... or SELECT EXISTS (SELECT 1 ... AND id = $1)";
  finding.fix_django =
      "queryset.count()                      # instead of len(list(queryset))\n"
      "queryset.filter(pk=obj.pk).exists()   # instead of obj in list(queryset)\n"
      "for obj in queryset.iterator():       # when every row is really needed\n"
      "    ...";
  out.push_back(std::move(finding));
}

// The value a HAVING COUNT(...) is compared with: a literal (quotes dropped), or a $n the sample's
// parameters give.
std::string compared_value(const std::string& token, const Statement& sample) {
  if (token.size() >= 2 && token.front() == '\'' && token.back() == '\'') return token.substr(1, token.size() - 2);
  if (token.empty() || token[0] != '$') return token;
  size_t index = static_cast<size_t>(std::stoul(token.substr(1)));
  if (index == 0 || index > sample.params.size() || !sample.params[index - 1]) return "";
  return *sample.params[index - 1];
}

// "schema.table" or "table", each part quoted as PostgreSQL would.
std::string quoted_table(const std::string& table) {
  size_t dot = table.find('.');
  if (dot == std::string::npos) return quote_identifier(table);
  return quote_identifier(table.substr(0, dot)) + "." + quote_identifier(table.substr(dot + 1));
}

// WHERE EXISTS with the names read from the statement: the rewritten statement when the parse
// tree gave one, else its shape over the names (the other clauses read the child or the count).
std::string exists_fix_sql(const CountHaving& found) {
  const char* header = "-- EXISTS stops at the first related row: no join, no grouping, no count\n";
  if (!found.exists_sql.empty()) return header + found.exists_sql;
  std::string parent = quoted_table(found.parent_table), child = quoted_table(found.child_table);
  return fmt::format(
      "{}SELECT <the {} columns> FROM {} WHERE EXISTS (SELECT 1 FROM {} WHERE {}.{} = {}.{} AND <the conditions on "
      "{}>) AND <the other conditions> ...",
      header, parent, parent, child, child, quote_identifier(found.fk_column), parent,
      quote_identifier(found.parent_column), child);
}

std::string exists_fix_django(const CountHaving& found) {
  std::string outer = found.parent_column == "id" ? "pk" : found.parent_column;
  return fmt::format(
      "from django.db.models import Exists, OuterRef\n"
      "{}.objects.filter(Exists({}.objects.filter({}=OuterRef('{}'))))  # instead of "
      ".annotate(n=Count(...)).filter(n__gt=0); model and field names are guessed from the table names",
      session_detail::model_class_of(found.parent_table), session_detail::model_class_of(found.child_table),
      session_detail::field_of_column(found.fk_column), outer);
}

void count_as_flag(const QueryTemplate& tmpl, const Plan& plan, std::vector<Finding>& out) {
  if (!is_select(tmpl)) return;
  // The sample as logged: a stderr log has the constants in it, an extended-protocol one $n and params.
  auto found = find_count_having(tmpl.sample.sql.empty() ? tmpl.normalized_sql : tmpl.sample.sql);
  if (!found) return;
  std::string value = compared_value(found->compared, tmpl.sample);
  if (!((found->op == ">" && value == "0") || (found->op == ">=" && value == "1"))) return;
  Finding finding;
  finding.kind = FindingKind::CountAsFlag;
  finding.severity = Severity::Low;
  finding.templates = {tmpl.fingerprint};
  finding.summary = fmt::format(
      "COUNT({}) is computed per group only to keep the groups where it is {} {} ({} call{}): EXISTS stops at the "
      "first related row instead of counting them all.",
      found->counted, found->op, value, tmpl.calls, tmpl.calls == 1 ? "" : "s");
  finding.evidence = {{"counted", found->counted},
                      {"having", "COUNT(" + found->counted + ") " + found->op + " " + value},
                      {"rows", whole(rows_of(plan.root))},
                      {"calls", tmpl.calls},
                      {"total_ms", tmpl.total_ms}};
  if (found->names_known()) {
    finding.evidence["parent_table"] = found->parent_table;
    finding.evidence["child_table"] = found->child_table;
    finding.evidence["fk_column"] = found->fk_column;
    finding.fix_sql = exists_fix_sql(*found);
    finding.fix_django = exists_fix_django(*found);
  } else {
    finding.fix_sql =
        "-- no GROUP BY / HAVING: keep the rows that have a related row (the related table could not be read "
        "from the statement: no join on the counted column)\n"
        "SELECT ... FROM parent WHERE EXISTS (SELECT 1 FROM child WHERE child.parent_id = parent.id) ...";
    finding.fix_django =
        "from django.db.models import Exists, OuterRef\n"
        "Parent.objects.filter(Exists(Child.objects.filter(parent=OuterRef('pk'))))  # instead of "
        ".annotate(n=Count('children')).filter(n__gt=0); the models could not be read from the statement: use yours";
  }
  out.push_back(std::move(finding));
}

}  // namespace

std::vector<Finding> result_findings(const QueryTemplate& tmpl, const ReplayResult& replay,
                                     const ResultFindingOptions& options) {
  std::vector<Finding> out;
  if (replay.status != ReplayStatus::Analyzed || !replay.plan || !replay.plan->root.actual_rows) return out;
  heavy_columns(tmpl, *replay.plan, options, out);
  count_for_existence(tmpl, *replay.plan, options, out);
  fetch_for_count_or_membership(tmpl, *replay.plan, options, out);
  count_as_flag(tmpl, *replay.plan, out);
  return out;
}

}  // namespace pgadvisor
