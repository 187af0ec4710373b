#include "plans/workload/workload.hpp"

#include <algorithm>
#include <cctype>

#include "plans/workload/statement_shape.hpp"
#include "plans/workload/template_key.hpp"

namespace pgadvisor {
namespace {

// Beyond this many distinct shapes (a log of ad-hoc SQL with inlined, varying lists) new shapes
// are no longer cached, which keeps memory bounded; their statements are parsed.
constexpr size_t kMaxShapes = 200000;

}  // namespace

void Workload::record_calls(QueryTemplate& tmpl, const Statement& statement, long long calls, double total_ms,
                            double max_ms) {
  tmpl.calls += calls;
  tmpl.total_ms += total_ms;
  record_origin(tmpl.origins, statement, calls, total_ms);
  if (tmpl.first_calls.size() < keep_calls_) tmpl.first_calls.push_back(statement);
  if (max_ms > tmpl.max_ms) {
    tmpl.max_ms = max_ms;
    tmpl.sample = statement;
  }
}

void Workload::add(const Statement& statement) {
  double duration = std::max(statement.duration_ms, 0.0);
  size_t index = add_calls(statement, 1, duration, duration);
  if (index == std::string::npos || !record_sessions_ || sessions_.append(statement, static_cast<uint32_t>(index)))
    return;
  if (sessions_.dropped() == 1)
    diagnostics_.push_back({statement.source, statement.line,
                            "the session sequence is cut here (" + std::to_string(sessions_.max_events()) +
                                " statements kept): the session findings (N+1, duplicates, writes in a loop) "
                                "cover only the statements before it",
                            ""});
}

void Workload::add_summary(const Statement& statement, long long calls, double total_ms, double max_ms) {
  add_calls(statement, calls, total_ms, max_ms);
}

size_t Workload::add_calls(const Statement& statement, long long calls, double total_ms, double max_ms) {
  ++counters_.statements;
  // Logged timestamps ("2024-06-30 12:00:00.123 UTC") of one log sort as text.
  const std::string& at = statement.timestamp;
  if (!at.empty() && std::isdigit(static_cast<unsigned char>(at[0]))) {
    if (first_timestamp_.empty() || at < first_timestamp_) first_timestamp_ = at;
    if (last_timestamp_.empty() || at > last_timestamp_) last_timestamp_ = at;
  }
  StatementShape& shape = shape_;
  shape_of_statement(statement.sql, shape);
  if (shape.cacheable) {
    auto hit = by_shape_.find(shape.key);
    if (hit != by_shape_.end()) {
      QueryTemplate& tmpl = templates_[hit->second];
      ++counters_.shape_hits;
      record_calls(tmpl, statement, calls, total_ms, max_ms);
      if (!tmpl.constants.observe(statement, shape)) tmpl.constants.observe_facts(extract_query_facts(parse_sql(statement.sql)));
      return hit->second;
    }
  }

  ++counters_.parses;
  ParsedSql parsed = parse_sql(statement.sql);
  if (!parsed.ok()) {
    diagnostics_.push_back({statement.source, statement.line, "statement does not parse: " + parsed.error, statement.sql});
    return std::string::npos;
  }
  std::string fingerprint = template_key(parsed);
  QueryFacts facts = extract_query_facts(parsed);
  auto found = by_fingerprint_.find(fingerprint);
  size_t index;
  if (found == by_fingerprint_.end()) {
    QueryTemplate tmpl;
    tmpl.fingerprint = fingerprint;
    tmpl.normalized_sql = normalize_sql(statement.sql);
    tmpl.sample = statement;
    tmpl.first_calls.push_back(statement);
    tmpl.statement_class = classify_statement(parsed);
    tmpl.constants = ConstantTracker(facts, statement, shape);
    tmpl.facts = std::move(facts);
    tmpl.calls = calls;
    tmpl.total_ms = total_ms;
    tmpl.max_ms = max_ms;
    record_origin(tmpl.origins, statement, calls, total_ms);
    index = templates_.size();
    by_fingerprint_.emplace(fingerprint, index);
    templates_.push_back(std::move(tmpl));
  } else {
    index = found->second;
    QueryTemplate& tmpl = templates_[index];
    record_calls(tmpl, statement, calls, total_ms, max_ms);
    tmpl.constants.observe(statement, shape);
    tmpl.constants.observe_facts(facts);  // keywords such as true/false are not in the shape's literals
  }
  if (shape.cacheable && by_shape_.size() < kMaxShapes) by_shape_.emplace(shape.key, index);
  return index;
}

}  // namespace pgadvisor
