// Safe replay of one logged statement through EXPLAIN: reads run in a READ ONLY transaction
// with EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON), a warm-up run and then k measured runs, each in
// its own transaction (a long query, whose warm-up or first run passes --long-query, is
// measured by that one run); writes get a plain EXPLAIN unless the policy analyzes writes (then in a
// read-write transaction); SELECT ... FOR UPDATE gets a plain EXPLAIN; DDL, utility statements,
// transaction control, multi-statement strings and calls written in the text of functions whose
// effects a rollback does not undo are refused. Before anything runs, the statement's closure is
// checked in the catalogs (execution_closure): a function not on the allow list that it would
// execute makes it explain-only, one the planner would run makes it not planned at all. A
// statement whose EXPLAIN ANALYZE fails is never dropped: it is planned again with a plain
// EXPLAIN (same parameters) and kept as timed out (statement_timeout or the client deadline
// stopped it: its time is a lower bound, the timeout) or as explained (any other error). Every
// transaction is `replayed` (as the replay role, session hygiene after it) and rolled back. A
// refusal, a timeout, what the client-side deadline did or an error is returned with its
// reason, never thrown.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "plans/pg/replay_measure.hpp"
#include "plans/pg/session.hpp"
#include "plans/plan/plan_tree.hpp"
#include "plans/sql/statement_kind.hpp"

namespace pgadvisor {

struct ReplayPolicy {
  bool analyze_writes = false;                 // --analyze-writes
  std::vector<std::string> allowed_functions;  // user functions declared safe to execute
  bool warmup = true;                          // one run before the measured ones, not counted
  int runs = 3;                                // measured EXPLAIN ANALYZE runs (k)
  // --long-query: a sample whose warm-up (or first measured run) takes longer is measured by
  // that one run; 0: always k runs. 5 s: a query that slow is not one whose median of three
  // runs changes the advice, and three more runs of it are what made analytical logs take hours.
  double long_query_ms = 5000;
};

enum class ReplayAction { Analyze, ExplainOnly, Refuse };

struct ReplayDecision {
  ReplayAction action = ReplayAction::Refuse;
  std::string reason;  // why it is refused or only explained; empty for Analyze
};

// Pure: what replay may do with a statement of this class, before the catalog is asked.
ReplayDecision decide_replay(const StatementClass& statement, const ReplayPolicy& policy = {});

enum class ReplayStatus { Analyzed, Explained, TimedOut, Refused, Failed };

struct ReplayResult {
  ReplayStatus status = ReplayStatus::Refused;
  std::string reason;           // refusal, explain-only note or the database's error
  std::optional<Plan> plan;     // of the median run, or the plain EXPLAIN
  nlohmann::json explain_json;  // EXPLAIN's own output for `plan`
  std::optional<ReplayRun> warmup;
  std::vector<ReplayRun> runs;  // measured runs, in order
  bool long_query = false;      // its first run passed --long-query: `runs` holds that run alone
  bool timed_out = false;       // canceled by statement_timeout or lock_timeout
  bool connection_lost = false; // the connection broke: the caller may reconnect and retry
  std::optional<double> lower_bound_ms;  // TimedOut: it ran at least this long (the timeout)
  bool analyze_started = false; // the EXPLAIN ANALYZE runs had begun when it failed

  std::optional<double> median_ms() const;
};

ReplayResult replay_statement(Session& session, const Statement& statement, const StatementClass& statement_class,
                              const ReplayPolicy& policy = {});

// After an EXPLAIN ANALYZE that `result` says timed out or failed: plans the statement with a
// plain EXPLAIN on `session` (a fresh one when the first was lost) and makes the result
// TimedOut or Explained when that succeeds; leaves it Failed otherwise.
void explain_instead(Session& session, const Statement& statement, ReplayResult& result);

// True for a statement that was planned (analyzed, explained, timed out): one the advisor uses.
bool has_usable_plan(const ReplayResult& result);

std::string replay_status_name(ReplayStatus status);
std::optional<ReplayStatus> replay_status_from_name(const std::string& name);

}  // namespace pgadvisor
