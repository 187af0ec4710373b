#include "advisor/candidate_rules.hpp"

#include <algorithm>
#include <map>

namespace pgadvisor {
namespace {

void add_column(std::vector<IndexColumn>& columns, const IndexColumn& column) {
  bool present = std::any_of(columns.begin(), columns.end(), [&](const IndexColumn& c) { return c.name == column.name; });
  if (!present) columns.push_back(column);
}

struct TableShape {
  std::vector<IndexColumn> equality;
  std::vector<IndexColumn> order;
  std::vector<IndexColumn> range;
  std::vector<IndexColumn> selected;       // output columns of a subquery
  std::vector<const Predicate*> constant;  // partial-index predicates
};

TableShape shape_of(const QueryTemplate& tmpl, size_t scope_index, const std::string& table,
                    const CandidateOptions& options) {
  const QueryScope& scope = tmpl.facts.scopes[scope_index];
  TableShape shape;
  for (size_t p = 0; p < scope.predicates.size(); ++p) {
    const Predicate& predicate = scope.predicates[p];
    if (predicate.column.table != table) continue;
    if (predicate.is_equality()) add_column(shape.equality, {predicate.column.column, false});
    if (predicate.is_range()) add_column(shape.range, {predicate.column.column, false});
    bool single_constant = (predicate.boolean_column || predicate.op == PredicateOp::Equal ||
                            predicate.op == PredicateOp::IsNull) &&
                           (predicate.values.empty() || predicate.values[0][0] != '$');
    bool seen_enough = predicate.boolean_column || predicate.op == PredicateOp::IsNull ||
                       tmpl.calls >= options.min_calls_for_partial;
    if (single_constant && seen_enough && tmpl.predicate_is_constant(scope_index, p))
      shape.constant.push_back(&predicate);
  }
  bool order_on_table = !scope.order_by.empty() &&
      std::all_of(scope.order_by.begin(), scope.order_by.end(), [&](const OrderKey& k) { return k.column.table == table; });
  if (order_on_table)
    for (const auto& key : scope.order_by)
      add_column(shape.order, {key.column.column, key.descending, key.nulls_first != key.descending});
  if (scope_index > 0)
    for (const auto& column : scope.selected)
      if (column.table == table) add_column(shape.selected, {column.column, false});
  return shape;
}

class CandidateSet {
 public:
  CandidateSet(std::string table, std::string fingerprint, size_t max_columns)
      : table_(std::move(table)), fingerprint_(std::move(fingerprint)), max_columns_(max_columns) {}

  void add(std::vector<IndexColumn> columns, const std::string& where) {
    if (columns.empty()) return;
    if (columns.size() > max_columns_) columns.resize(max_columns_);
    IndexCandidate candidate;
    candidate.definition = {table_, std::move(columns), where, {}};
    candidate.templates = {fingerprint_};
    for (const auto& existing : out_)
      if (existing.key() == candidate.key()) return;
    out_.push_back(std::move(candidate));
  }
  std::vector<IndexCandidate> take() { return std::move(out_); }

 private:
  std::string table_, fingerprint_;
  size_t max_columns_;
  std::vector<IndexCandidate> out_;
};

std::vector<IndexColumn> without(std::vector<IndexColumn> columns, const std::string& name) {
  columns.erase(std::remove_if(columns.begin(), columns.end(), [&](const IndexColumn& c) { return c.name == name; }),
                columns.end());
  return columns;
}

void add_shape_candidates(CandidateSet& set, const TableShape& shape) {
  std::vector<IndexColumn> composite = shape.equality;
  for (const auto& column : shape.order) add_column(composite, column);
  if (!shape.range.empty()) add_column(composite, shape.range.front());
  for (const auto& column : shape.selected) add_column(composite, column);
  set.add(composite, "");
  set.add(shape.equality, "");
  for (const auto& column : shape.equality) set.add({column}, "");
  for (const auto& column : shape.range) set.add({column}, "");
  set.add(shape.order, "");

  // Partial forms: each never-varying predicate, then all of them, moved into the WHERE.
  std::vector<const Predicate*> all = shape.constant;
  for (size_t i = 0; i <= shape.constant.size(); ++i) {
    std::vector<const Predicate*> moved = i < shape.constant.size() ? std::vector<const Predicate*>{shape.constant[i]} : all;
    if (moved.empty() || (i == shape.constant.size() && moved.size() < 2)) continue;
    std::vector<IndexColumn> rest = composite;
    std::string where;
    for (const Predicate* predicate : moved) {
      rest = without(rest, predicate->column.column);
      where += (where.empty() ? "" : " AND ") + predicate->to_sql();
    }
    set.add(rest, where);
  }
}

}  // namespace

std::vector<IndexCandidate> candidates_for_template(const QueryTemplate& tmpl, const CandidateOptions& options) {
  std::vector<IndexCandidate> out;
  for (size_t s = 0; s < tmpl.facts.scopes.size(); ++s) {
    for (const auto& table : tmpl.facts.scopes[s].tables) {
      if (table.name.empty()) continue;  // a CTE or a table outside the default schema
      CandidateSet set(table.name, tmpl.fingerprint, options.max_columns);
      add_shape_candidates(set, shape_of(tmpl, s, table.name, options));
      for (auto& candidate : set.take()) out.push_back(std::move(candidate));
    }
  }
  return out;
}

std::vector<IndexCandidate> candidates_for_workload(const std::vector<const QueryTemplate*>& templates,
                                                    const CandidateOptions& options) {
  std::vector<IndexCandidate> merged;
  std::map<std::string, size_t> by_key;
  for (const QueryTemplate* tmpl : templates) {
    for (auto& candidate : candidates_for_template(*tmpl, options)) {
      auto found = by_key.find(candidate.key());
      if (found == by_key.end()) {
        by_key.emplace(candidate.key(), merged.size());
        merged.push_back(std::move(candidate));
      } else {
        auto& fingerprints = merged[found->second].templates;
        if (std::find(fingerprints.begin(), fingerprints.end(), tmpl->fingerprint) == fingerprints.end())
          fingerprints.push_back(tmpl->fingerprint);
      }
    }
  }
  return merged;
}

}  // namespace pgadvisor
