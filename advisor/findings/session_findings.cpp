// n_plus_one and writes_in_loop (loops of one template in a burst), and the driver; the
// duplicate, count-then-fetch and per-burst summaries are in session_patterns.cpp.
#include "advisor/findings/session_findings.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "advisor/findings/session_patterns.hpp"
#include "advisor/findings/session_sequence.hpp"

namespace pgadvisor {
namespace {

using namespace session_detail;

// The one `column = constant` of a one-table, one-level statement; nullptr for anything else.
const Predicate* single_equality(const QueryTemplate& tmpl) {
  const auto& scopes = tmpl.facts.scopes;
  if (scopes.size() != 1 || scopes[0].tables.size() != 1 || scopes[0].predicates.size() != 1) return nullptr;
  const Predicate& predicate = scopes[0].predicates[0];
  if (predicate.op != PredicateOp::Equal || predicate.boolean_column || predicate.column.expression ||
      predicate.computed_value || predicate.values.size() != 1)
    return nullptr;
  return &predicate;
}

bool ends_with_id(const std::string& column) {
  return column.size() > 3 && column.compare(column.size() - 3, 3, "_id") == 0;
}

std::string table_of(const QueryTemplate& tmpl) {
  if (tmpl.facts.scopes.empty() || tmpl.facts.scopes[0].tables.empty()) return "";
  return tmpl.facts.scopes[0].tables[0].qualified_name();
}

// The statement INSERTs one row (VALUES with one list).
bool single_row_insert(const QueryTemplate& tmpl) {
  ParsedSql parsed = parse_sql(tmpl.sample.sql);
  const auto& statements = parsed.statements();
  if (statements.size() != 1) return false;
  const auto& insert = statements[0]["stmt"]["InsertStmt"];
  if (!insert.is_object() || !insert.contains("selectStmt")) return false;
  const auto& select = insert["selectStmt"]["SelectStmt"];
  return select.is_object() && select.contains("valuesLists") && select["valuesLists"].size() == 1;
}

struct Grouped {
  Loop largest;
  long long occurrences = 0, runs_total = 0;
  double saving_ms = 0;
};

// Loops grouped by template, and parent when `by_parent`; the largest kept for the evidence.
std::map<std::pair<uint32_t, long long>, Grouped> group_loops(const Workload& workload, const std::vector<Loop>& loops,
                                                              bool by_parent) {
  std::map<std::pair<uint32_t, long long>, Grouped> groups;
  for (const Loop& loop : loops) {
    Grouped& group = groups[{loop.template_index, by_parent ? loop.parent : -1}];
    if (group.occurrences == 0 || loop.runs > group.largest.runs) group.largest = loop;
    ++group.occurrences;
    group.runs_total += loop.runs;
    group.saving_ms += static_cast<double>(loop.runs - 1) * workload.templates()[loop.template_index].mean_ms();
  }
  return groups;
}

nlohmann::json loop_evidence(const Workload& workload, const SessionOrder& order, const Grouped& group) {
  const Loop& loop = group.largest;
  nlohmann::json evidence = {{"session", workload.sessions().session_name(loop.session)},
                             {"runs", loop.runs},
                             {"window_ms", window_ms(order, loop.first_at, loop.last_at)},
                             {"total_ms", loop.total_ms},
                             {"first_line", loop.first_line},
                             {"distinct_parameters", loop.distinct_params},
                             {"occurrences", group.occurrences},
                             {"runs_in_all", group.runs_total}};
  add_scope(order, loop.burst, evidence);
  return evidence;
}

// The parent's ForeignKey field to `table`: its `<name>_id` column when it selects one that
// matches the table, else its only `_id` column, else the table's model name.
std::string forward_field(const QueryTemplate* parent, const std::string& table, std::string& basis) {
  std::string guess = model_name_of(table);
  if (parent && !parent->facts.scopes.empty()) {
    std::vector<std::string> fks;
    for (const auto& column : parent->facts.scopes[0].selected)
      if (ends_with_id(column.column)) fks.push_back(column.column);
    if (std::find(fks.begin(), fks.end(), guess + "_id") != fks.end()) {
      basis = "the parent selects " + guess + "_id";
      return guess;
    }
    if (fks.size() == 1) {
      basis = "the parent's only foreign key column is " + fks[0];
      return field_of_column(fks[0]);
    }
  }
  basis = "guessed from the table name " + table;
  return guess;
}

void n_plus_one(const Workload& workload, const SessionOrder& order, const SessionFindingOptions& options,
                std::vector<Finding>& out) {
  const auto& templates = workload.templates();
  auto eligible = [&](uint32_t t) {
    return templates[t].statement_class.kind == StatementKind::Select && single_equality(templates[t]) != nullptr;
  };
  std::vector<Loop> loops;
  for (Loop& loop : find_loops(workload, order, eligible, options.n_plus_one_min, options))
    if (loop.distinct_params >= 2 && loop.parent >= 0 &&
        templates[static_cast<size_t>(loop.parent)].statement_class.kind == StatementKind::Select)
      loops.push_back(loop);
  for (const auto& [key, group] : group_loops(workload, loops, true)) {
    const QueryTemplate& tmpl = templates[key.first];
    const QueryTemplate* parent = &templates[static_cast<size_t>(key.second)];
    const Predicate& predicate = *single_equality(tmpl);
    std::string table = table_of(tmpl), parent_table = table_of(*parent), column = predicate.column.column;
    std::vector<std::string> other_columns;
    for (const auto& selected : tmpl.facts.scopes[0].selected)
      if (selected.column != "id") other_columns.push_back(selected.column);
    std::string parent_model = parent_table.empty() ? "<Model>" : model_class_of(parent_table);

    Finding finding;
    finding.kind = FindingKind::NPlusOne;
    finding.templates = {tmpl.fingerprint, parent->fingerprint};
    finding.evidence = loop_evidence(workload, order, group);
    finding.evidence["parent_template"] = parent->fingerprint;
    finding.evidence["column"] = column;
    finding.saving_ms = group.saving_ms;
    finding.severity = severity_for(finding.saving_ms, group.largest.runs);
    std::string runs = std::to_string(group.largest.runs);
    finding.fix_sql = "-- one query for all the parent's rows instead of one per row:\nSELECT ... FROM " + table +
                      " WHERE " + column + " IN (<the values of all the parent's rows>);";
    if (column == "id" && other_columns.size() == 1 && tmpl.facts.scopes[0].selected.size() <= 2 &&
        parent_table == table) {
      finding.evidence["variant"] = "deferred_field";
      finding.summary = "deferred field: " + table + "." + other_columns[0] + " loaded by id " + runs +
                        " times in a row after a query on " + table + " that did not fetch it";
      finding.fix_django = "# the parent queryset leaves '" + other_columns[0] +
                           "' out (only()/defer()) and each object then loads it alone:\n" + parent_model +
                           ".objects.only(..., '" + other_columns[0] + "')  # or drop '" + other_columns[0] +
                           "' from defer(...)";
      finding.fix_sql.clear();
    } else if (column == "id") {
      std::string basis;
      std::string field = forward_field(parent, table, basis);
      finding.evidence["variant"] = "forward_foreign_key";
      finding.summary = "N+1: " + table + " fetched by id " + runs + " times in a row after a query on " +
                        (parent_table.empty() ? "another table" : parent_table) + " (one query per row)";
      finding.fix_django = parent_model + ".objects.select_related('" + field + "')  # on the parent queryset; '" +
                           field + "' is a guess (" + basis + "): use the ForeignKey field's name";
    } else if (ends_with_id(column)) {
      std::string related = model_name_of(table) + "_set";
      finding.evidence["variant"] = "reverse_foreign_key";
      finding.summary = "N+1: " + table + " fetched by " + column + " " + runs + " times in a row after a query on " +
                        (parent_table.empty() ? "another table" : parent_table) + " (one query per row)";
      finding.fix_django = parent_model + ".objects.prefetch_related('" + related +
                           "')  # on the parent queryset; '" + related + "' is Django's default name for the " +
                           "reverse of " + model_class_of(table) + "." + field_of_column(column) +
                           " (guessed from " + table + "." + column + "): use its related_name if it sets one; " +
                           "a OneToOneField takes select_related('" + model_name_of(table) + "')";
    } else {
      finding.evidence["variant"] = "lookup_per_row";
      finding.summary = "N+1: " + table + " looked up by " + column + " " + runs + " times in a row after a query on " +
                        (parent_table.empty() ? "another table" : parent_table);
      finding.fix_django = model_class_of(table) + ".objects.in_bulk(values, field_name='" + column +
                           "')  # one query for all the values, then look them up in the dict";
    }
    out.push_back(std::move(finding));
  }
}

void writes_in_loop(const Workload& workload, const SessionOrder& order, const SessionFindingOptions& options,
                    std::vector<Finding>& out) {
  const auto& templates = workload.templates();
  auto eligible = [&](uint32_t t) {
    const QueryTemplate& tmpl = templates[t];
    if (tmpl.statement_class.kind == StatementKind::Update) {
      const Predicate* predicate = single_equality(tmpl);
      return predicate && predicate->column.column == "id";
    }
    if (tmpl.statement_class.kind != StatementKind::Insert || tmpl.calls < options.loop_min) return false;
    return single_row_insert(tmpl);
  };
  auto loops = find_loops(workload, order, eligible, options.loop_min, options);
  for (const auto& [key, group] : group_loops(workload, loops, false)) {
    const QueryTemplate& tmpl = templates[key.first];
    bool update = tmpl.statement_class.kind == StatementKind::Update;
    const auto& written = tmpl.statement_class.written_tables;
    std::string table = written.empty() ? table_of(tmpl) : written[0];
    std::string model = model_class_of(table), runs = std::to_string(group.largest.runs);
    Finding finding;
    finding.kind = FindingKind::WritesInLoop;
    finding.templates = {tmpl.fingerprint};
    finding.evidence = loop_evidence(workload, order, group);
    finding.evidence["statement"] = update ? "update" : "insert";
    finding.saving_ms = group.saving_ms;
    finding.severity = severity_for(finding.saving_ms, group.largest.runs);
    if (update) {
      std::vector<std::string> fields;
      for (const auto& column : tmpl.facts.updated_columns)
        if (column != "id") fields.push_back(field_of_column(column));
      finding.summary = runs + " UPDATEs of one " + table + " row each (by id) in a row: save() in a loop";
      finding.fix_django = model + ".objects.bulk_update(objs, [" + quoted_list(fields) +
                           "], batch_size=500)  # list only the fields the loop changes\n"
                           "# or, when every row gets the same value or one computed from itself:\n" +
                           model + ".objects.filter(pk__in=ids).update(<field>=<value>)"
                                   "  # F('<field>') + 1 for a computed one";
      if (fields.size() > 2)
        finding.fix_django += "\n# save() without update_fields writes every field: save(update_fields=[...])";
      finding.fix_sql = "UPDATE " + table + " SET ... FROM (VALUES ($1, ...), ($2, ...), ...) AS v(id, ...) WHERE " +
                        table + ".id = v.id;  -- one statement for all the rows";
    } else {
      finding.summary = runs + " single-row INSERTs into " + table + " in a row: create()/save() in a loop";
      finding.fix_django = model + ".objects.bulk_create(objs, batch_size=500)  # one INSERT per batch";
      finding.fix_sql = "INSERT INTO " + table + " (...) VALUES (...), (...), ...;  -- many rows a statement";
    }
    out.push_back(std::move(finding));
  }
}

}  // namespace

std::vector<Finding> session_findings(const Workload& workload, const SessionFindingOptions& options) {
  std::vector<Finding> findings;
  if (workload.sessions().events().empty()) return findings;
  SessionOrder order = order_by_session(workload.sessions(), options.burst_gap_seconds);
  n_plus_one(workload, order, options, findings);
  std::set<std::string> in_loops;  // their repeats are the loop's; its fix removes them
  for (const auto& finding : findings) in_loops.insert(finding.templates.front());
  writes_in_loop(workload, order, options, findings);
  session_detail::count_then_fetch(workload, order, options, findings);
  session_detail::duplicate_queries(workload, order, options, in_loops, findings);
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.saving_ms > b.saving_ms;
  });
  return findings;
}

}  // namespace pgadvisor
