#include "advisor/candidates/candidate_rules.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace pgadvisor {
namespace {

IndexColumn index_column(const ColumnName& column, bool descending = false, bool nulls_flipped = false) {
  return {column.column, descending, nulls_flipped, column.expression};
}

void add_column(std::vector<IndexColumn>& columns, const IndexColumn& column) {
  bool present = std::any_of(columns.begin(), columns.end(), [&](const IndexColumn& c) { return c.name == column.name; });
  if (!present) columns.push_back(column);
}

struct TableShape {
  std::vector<IndexColumn> equality;
  std::vector<IndexColumn> order;
  std::vector<IndexColumn> range;
  std::vector<IndexColumn> selected;       // output columns of a subquery
  std::vector<IndexColumn> join;           // columns compared with another table's
  std::vector<IndexColumn> group;          // GROUP BY keys, in their order
  std::vector<const Predicate*> constant;  // partial-index predicates
  std::vector<std::string> read;           // every plain column the level reads
  bool read_complete = false;              // `read` is all of them, and the statement a SELECT
};

// A predicate fit for a partial index's WHERE: `=`, IS NULL or a boolean over a column, with
// constants only (no parameter), the same in every call; an equality constant only once seen
// min_calls_for_partial times, counting each time the statement writes it. An IN list only when
// the statement writes it in every branch of an OR: one seen in several calls is most often a
// page's ids (Django's prefetch_related sends `post_id IN (...)`), the same when a page is
// loaded twice.
bool may_be_partial(const QueryTemplate& tmpl, size_t scope_index, size_t p, const CandidateOptions& options) {
  const Predicate& predicate = tmpl.facts.scopes[scope_index].predicates[p];
  if (options.min_calls_for_partial == 0 || predicate.column.expression || predicate.computed_value) return false;
  bool fit_op = predicate.boolean_column || predicate.op == PredicateOp::Equal || predicate.op == PredicateOp::IsNull ||
                (predicate.op == PredicateOp::In && predicate.written > 1 && !predicate.values.empty());
  bool constants_only = std::none_of(predicate.values.begin(), predicate.values.end(),
                                     [](const std::string& value) { return value.empty() || value[0] == '$'; });
  bool seen_enough = predicate.boolean_column || predicate.op == PredicateOp::IsNull ||
                     tmpl.calls * predicate.written >= options.min_calls_for_partial;
  return fit_op && constants_only && seen_enough && tmpl.predicate_is_constant(scope_index, p);
}

TableShape shape_of(const QueryTemplate& tmpl, size_t scope_index, const std::string& table,
                    const CandidateOptions& options) {
  const QueryScope& scope = tmpl.facts.scopes[scope_index];
  TableShape shape;
  for (size_t p = 0; p < scope.predicates.size(); ++p) {
    const Predicate& predicate = scope.predicates[p];
    if (predicate.column.table != table) continue;
    if (predicate.is_equality()) add_column(shape.equality, index_column(predicate.column));
    if (predicate.is_range()) add_column(shape.range, index_column(predicate.column));
    if (may_be_partial(tmpl, scope_index, p, options)) shape.constant.push_back(&predicate);
  }
  bool order_on_table = !scope.order_by.empty() &&
      std::all_of(scope.order_by.begin(), scope.order_by.end(), [&](const OrderKey& k) { return k.column.table == table; });
  if (order_on_table)
    for (const auto& key : scope.order_by)
      add_column(shape.order, index_column(key.column, key.descending, key.nulls_first != key.descending));
  if (scope_index > 0)
    for (const auto& column : scope.selected)
      if (column.table == table) add_column(shape.selected, index_column(column));
  for (const auto& column : scope.join_columns)
    if (column.table == table) add_column(shape.join, index_column(column));
  for (const auto& column : scope.group_by)
    if (column.table == table) add_column(shape.group, index_column(column));
  for (const auto& column : scope.referenced)
    if (column.table == table && !column.expression) shape.read.push_back(column.column);
  shape.read_complete = tmpl.facts.kind == StatementKind::Select && scope.all_columns_known(table);
  return shape;
}

class CandidateSet {
 public:
  // `calls_short`: the template has fewer calls than an equality constant needs, so one in a
  // WHERE was counted by its repetitions in the statement (IndexCandidate::where_from_repetition).
  CandidateSet(const TableRef& table, std::string fingerprint, size_t max_columns, bool calls_short)
      : table_(table), fingerprint_(std::move(fingerprint)), max_columns_(max_columns), calls_short_(calls_short) {}

  void add(std::vector<IndexColumn> columns, const std::vector<const Predicate*>& where,
           std::vector<std::string> include = {}) {
    if (columns.empty()) return;
    if (columns.size() > max_columns_) columns.resize(max_columns_);
    IndexCandidate candidate;
    candidate.definition = {table_.schema, table_.name, std::move(columns), "", std::move(include)};
    for (const Predicate* predicate : where) {
      candidate.definition.where += (candidate.definition.where.empty() ? "" : " AND ") + predicate->to_sql();
      candidate.where_predicates.push_back(*predicate);
      bool counted = !predicate->boolean_column && predicate->op != PredicateOp::IsNull;
      candidate.where_from_repetition = candidate.where_from_repetition || (calls_short_ && counted);
    }
    candidate.templates = {fingerprint_};
    for (const auto& existing : out_)
      if (existing.key() == candidate.key()) return;
    out_.push_back(std::move(candidate));
  }
  std::vector<IndexCandidate> take() { return std::move(out_); }

 private:
  TableRef table_;
  std::string fingerprint_;
  size_t max_columns_;
  bool calls_short_;
  std::vector<IndexCandidate> out_;
};

std::vector<IndexColumn> without(std::vector<IndexColumn> columns, const std::string& name) {
  columns.erase(std::remove_if(columns.begin(), columns.end(), [&](const IndexColumn& c) { return c.name == name; }),
                columns.end());
  return columns;
}

// The columns the level reads that `key` (cut to max_columns) does not hold, when they are all
// known and at most max_include; nullopt when no covering index is possible. The columns of the
// predicates moved into the WHERE are left out: an index-only scan does not need a column the
// index predicate already decides.
std::optional<std::vector<std::string>> include_for(const TableShape& shape, std::vector<IndexColumn> key,
                                                    const std::vector<const Predicate*>& where,
                                                    const CandidateOptions& options) {
  if (!shape.read_complete || key.empty()) return std::nullopt;
  if (key.size() > options.max_columns) key.resize(options.max_columns);
  std::vector<std::string> include;
  for (const auto& column : shape.read) {
    bool in_key = std::any_of(key.begin(), key.end(), [&](const IndexColumn& c) { return !c.expression && c.name == column; });
    bool decided = std::any_of(where.begin(), where.end(), [&](const Predicate* p) { return p->column.column == column; });
    if (!in_key && !decided && std::find(include.begin(), include.end(), column) == include.end())
      include.push_back(column);
  }
  if (include.empty() || include.size() > options.max_include) return std::nullopt;
  return include;
}

// The equality columns, then the joined column: the inner side of a nested loop.
std::vector<IndexColumn> join_lookup(const TableShape& shape, const IndexColumn& column) {
  std::vector<IndexColumn> lookup = shape.equality;
  add_column(lookup, column);
  return lookup;
}

void add_shape_candidates(CandidateSet& set, const TableShape& shape, const CandidateOptions& options) {
  std::vector<IndexColumn> composite = shape.equality;
  for (const auto& column : shape.order) add_column(composite, column);
  if (!shape.range.empty()) add_column(composite, shape.range.front());
  for (const auto& column : shape.selected) add_column(composite, column);
  set.add(composite, {});
  if (auto include = include_for(shape, composite, {}, options)) set.add(composite, {}, *include);
  set.add(shape.equality, {});
  for (const auto& column : shape.equality) set.add({column}, {});
  for (const auto& column : shape.range) set.add({column}, {});
  set.add(shape.order, {});
  for (const auto& column : shape.range)  // a range scan that never reads the table
    if (auto include = include_for(shape, {column}, {}, options)) set.add({column}, {}, *include);
  for (const auto& column : shape.join) {  // the inner side of a nested loop, after the filters
    std::vector<IndexColumn> lookup = join_lookup(shape, column);
    set.add(lookup, {});
    set.add({column}, {});
    if (auto include = include_for(shape, lookup, {}, options)) set.add(lookup, {}, *include);
  }
  if (!shape.group.empty()) {  // groups read in key order (a sorted aggregate, an index-only scan)
    std::vector<IndexColumn> grouped = shape.equality;
    for (const auto& column : shape.group) add_column(grouped, column);
    set.add(grouped, {});
    if (auto include = include_for(shape, grouped, {}, options)) set.add(grouped, {}, *include);
  }

  // Partial forms: each never-varying predicate, then all of them, moved into the WHERE, over
  // the composite's other columns; with every one moved, also each join lookup's (the inner
  // side of a nested loop that reads only the rows the WHERE keeps).
  auto rest_of = [](std::vector<IndexColumn> columns, const std::vector<const Predicate*>& moved) {
    for (const Predicate* predicate : moved) columns = without(columns, predicate->column.column);
    return columns;
  };
  auto add_partial = [&](const std::vector<IndexColumn>& rest, const std::vector<const Predicate*>& moved,
                         bool with_include) {
    set.add(rest, moved);
    if (with_include)
      if (auto include = include_for(shape, rest, moved, options)) set.add(rest, moved, *include);
  };
  for (size_t i = 0; i <= shape.constant.size(); ++i) {
    std::vector<const Predicate*> moved = i < shape.constant.size() ? std::vector<const Predicate*>{shape.constant[i]} : shape.constant;
    if (moved.empty() || (i == shape.constant.size() && moved.size() < 2)) continue;
    bool all_moved = moved.size() == shape.constant.size();
    add_partial(rest_of(composite, moved), moved, all_moved);
    if (!all_moved) continue;
    for (const auto& column : shape.join) {
      add_partial(rest_of(join_lookup(shape, column), moved), moved, true);
    }
  }
}

}  // namespace

std::vector<IndexCandidate> candidates_for_template(const QueryTemplate& tmpl, const CandidateOptions& options) {
  std::vector<IndexCandidate> out;
  for (size_t s = 0; s < tmpl.facts.scopes.size(); ++s) {
    for (const auto& table : tmpl.facts.scopes[s].tables) {
      if (table.name.empty()) continue;  // a CTE or a system catalog
      CandidateSet set(table, tmpl.fingerprint, options.max_columns, tmpl.calls < options.min_calls_for_partial);
      add_shape_candidates(set, shape_of(tmpl, s, table.qualified_name(), options), options);
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
