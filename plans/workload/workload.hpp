// Workload: the statements of a log grouped into query templates by their key (libpg_query's
// fingerprint, with the relation names it folds: plans/workload/template_key),
// with calls and times, the slowest statement kept as the sample to replay, and the facts of
// the template's SQL. Memory grows with the number of templates, not with the log: a statement
// whose shape (plans/workload/statement_shape) was seen before is counted without a parse. A
// predicate whose constant differs between calls is marked so; only those that never vary can
// become a partial index's WHERE. A statement that does not parse becomes a diagnostic.
#pragma once

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "plans/diagnostic.hpp"
#include "plans/sql/query_facts.hpp"
#include "plans/statement.hpp"
#include "plans/workload/constant_tracker.hpp"
#include "plans/workload/session_events.hpp"
#include "plans/workload/statement_shape.hpp"
#include "plans/workload/template_origins.hpp"

namespace pgadvisor {

struct QueryTemplate {
  std::string fingerprint;  // the template's key (plans/workload/template_key)
  std::string normalized_sql;
  long long calls = 0;
  double total_ms = 0;
  double max_ms = 0;
  Statement sample;             // the slowest call
  std::vector<Statement> first_calls;  // the first calls, as many as the workload keeps
  StatementClass statement_class;
  QueryFacts facts;             // of the first call
  ConstantTracker constants;
  TemplateOrigins origins;      // the routes, views or applications that sent its calls

  double mean_ms() const { return calls ? total_ms / static_cast<double>(calls) : 0; }
  bool predicate_is_constant(size_t scope, size_t predicate) const { return constants.is_constant(scope, predicate); }
};

struct WorkloadCounters {
  long long statements = 0;
  long long parses = 0;      // statements libpg_query parsed
  long long shape_hits = 0;  // statements counted from the shape cache alone
};

class Workload {
 public:
  // Keeps the first `keep_calls` calls of each template (at least one) besides the slowest.
  // Without `record_sessions` (a caller that reports templates alone) sessions() stays empty,
  // and memory does not grow with the log.
  explicit Workload(size_t keep_calls = 1, bool record_sessions = true)
      : keep_calls_(std::max<size_t>(keep_calls, 1)), record_sessions_(record_sessions) {}

  void add(const Statement& statement);
  // A statement that stands for `calls` executions (a pg_stat_statements entry).
  void add_summary(const Statement& statement, long long calls, double total_ms, double max_ms);

  const std::vector<QueryTemplate>& templates() const { return templates_; }
  const Diagnostics& diagnostics() const { return diagnostics_; }
  void add_diagnostic(Diagnostic diagnostic) { diagnostics_.push_back(std::move(diagnostic)); }
  long long statement_count() const { return counters_.statements; }
  // The earliest and latest timestamps the log gave its statements, as logged; empty when none.
  const std::string& first_timestamp() const { return first_timestamp_; }
  const std::string& last_timestamp() const { return last_timestamp_; }
  const WorkloadCounters& counters() const { return counters_; }
  // Which session ran which template in which order (add() only; a summary records nothing).
  const SessionLog& sessions() const { return sessions_; }

 private:
  // The template the statement was counted in; npos when it does not parse.
  size_t add_calls(const Statement& statement, long long calls, double total_ms, double max_ms);
  void record_calls(QueryTemplate& tmpl, const Statement& statement, long long calls, double total_ms, double max_ms);

  size_t keep_calls_ = 1;
  bool record_sessions_ = true;
  std::vector<QueryTemplate> templates_;
  std::unordered_map<std::string, size_t> by_fingerprint_;
  std::unordered_map<std::string, size_t> by_shape_;  // shape key → template
  Diagnostics diagnostics_;
  WorkloadCounters counters_;
  std::string first_timestamp_, last_timestamp_;
  SessionLog sessions_;
  StatementShape shape_;  // the shape of the statement being added (memory reused)
};

}  // namespace pgadvisor
