#include "plans/workload/workload.hpp"

#include <algorithm>

namespace pgadvisor {
namespace {

std::vector<std::vector<bool>> all_constant(const QueryFacts& facts) {
  std::vector<std::vector<bool>> marks;
  for (const auto& scope : facts.scopes) marks.emplace_back(scope.predicates.size(), true);
  return marks;
}

// Clears the mark of every predicate whose values differ between `first` and `other`.
void merge_constants(QueryTemplate& tmpl, const QueryFacts& other) {
  const QueryFacts& first = tmpl.facts;
  for (size_t s = 0; s < tmpl.constant_predicates.size(); ++s) {
    auto& marks = tmpl.constant_predicates[s];
    bool same_shape = s < other.scopes.size() && other.scopes[s].predicates.size() == marks.size();
    for (size_t p = 0; p < marks.size(); ++p) {
      if (!same_shape || other.scopes[s].predicates[p].values != first.scopes[s].predicates[p].values) marks[p] = false;
    }
  }
}

}  // namespace

bool QueryTemplate::predicate_is_constant(size_t scope, size_t predicate) const {
  return scope < constant_predicates.size() && predicate < constant_predicates[scope].size() &&
         constant_predicates[scope][predicate];
}

void Workload::add(const Statement& statement) {
  ++statement_count_;
  ParsedSql parsed = parse_sql(statement.sql);
  if (!parsed.ok()) {
    diagnostics_.push_back({statement.source, statement.line, "statement does not parse: " + parsed.error, statement.sql});
    return;
  }
  std::string fingerprint = fingerprint_sql(statement.sql);
  QueryFacts facts = extract_query_facts(parsed);
  double duration = std::max(statement.duration_ms, 0.0);

  auto found = by_fingerprint_.find(fingerprint);
  if (found == by_fingerprint_.end()) {
    QueryTemplate tmpl;
    tmpl.fingerprint = fingerprint;
    tmpl.normalized_sql = normalize_sql(statement.sql);
    tmpl.sample = statement;
    tmpl.statement_class = classify_statement(parsed);
    tmpl.constant_predicates = all_constant(facts);
    tmpl.facts = std::move(facts);
    tmpl.calls = 1;
    tmpl.total_ms = duration;
    tmpl.max_ms = duration;
    by_fingerprint_.emplace(fingerprint, templates_.size());
    templates_.push_back(std::move(tmpl));
    return;
  }
  QueryTemplate& tmpl = templates_[found->second];
  merge_constants(tmpl, facts);
  tmpl.calls += 1;
  tmpl.total_ms += duration;
  if (duration > tmpl.max_ms) {
    tmpl.max_ms = duration;
    tmpl.sample = statement;
  }
}

}  // namespace pgadvisor
