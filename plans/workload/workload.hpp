// Workload: the statements of a log grouped into query templates by libpg_query's fingerprint,
// with calls and times, the slowest statement kept as the sample to replay, and the facts of
// the template's SQL. A predicate whose constant differs between calls is marked so; only those
// that never vary can become a partial index's WHERE. A statement that does not parse becomes a
// diagnostic with its source and line.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "plans/diagnostic.hpp"
#include "plans/sql/query_facts.hpp"
#include "plans/statement.hpp"

namespace pgadvisor {

struct QueryTemplate {
  std::string fingerprint;
  std::string normalized_sql;
  long long calls = 0;
  double total_ms = 0;
  double max_ms = 0;
  Statement sample;             // the slowest call
  StatementClass statement_class;
  QueryFacts facts;             // of the first call
  std::vector<std::vector<bool>> constant_predicates;  // [scope][predicate]: same value in every call

  double mean_ms() const { return calls ? total_ms / static_cast<double>(calls) : 0; }
  bool predicate_is_constant(size_t scope, size_t predicate) const;
};

class Workload {
 public:
  void add(const Statement& statement);

  const std::vector<QueryTemplate>& templates() const { return templates_; }
  const Diagnostics& diagnostics() const { return diagnostics_; }
  void add_diagnostic(Diagnostic diagnostic) { diagnostics_.push_back(std::move(diagnostic)); }
  long long statement_count() const { return statement_count_; }

 private:
  std::vector<QueryTemplate> templates_;
  std::unordered_map<std::string, size_t> by_fingerprint_;
  Diagnostics diagnostics_;
  long long statement_count_ = 0;
};

}  // namespace pgadvisor
