#include "plans/pg/replay.hpp"

#include <fmt/format.h>

#include "plans/pg/execution_closure.hpp"
#include "plans/pg/explain.hpp"

namespace pgadvisor {

ReplayDecision decide_replay(const StatementClass& statement, const ReplayPolicy& policy) {
  switch (statement.kind) {
    case StatementKind::Invalid:
      return {ReplayAction::Refuse, "does not parse: " + statement.node};
    case StatementKind::Empty:
      return {ReplayAction::Refuse, "empty statement"};
    case StatementKind::Multiple:
      return {ReplayAction::Refuse, fmt::format("multi-statement string ({}) is never executed", statement.node)};
    case StatementKind::Ddl:
      return {ReplayAction::Refuse, fmt::format("DDL ({}) is never executed", statement.node)};
    case StatementKind::Utility:
      return {ReplayAction::Refuse, fmt::format("utility statement ({}) is never executed", statement.node)};
    case StatementKind::Transaction:
      return {ReplayAction::Refuse, "transaction control is not replayed: each statement runs in its own rolled-back transaction"};
    default:
      break;
  }
  if (!statement.unsafe_functions.empty()) {
    return {ReplayAction::Refuse,
            fmt::format("calls {}(), whose effects a rollback does not undo", statement.unsafe_functions.front())};
  }
  if (statement.kind == StatementKind::SelectForUpdate)
    return {ReplayAction::ExplainOnly, "takes row locks: explained without ANALYZE"};
  if (is_write(statement.kind) && !policy.analyze_writes)
    return {ReplayAction::ExplainOnly,
            fmt::format("{}: explained without ANALYZE (--analyze-writes measures it in a rolled-back transaction)",
                        statement_kind_name(statement.kind))};
  return {ReplayAction::Analyze, ""};
}

namespace {

std::string failure_reason(const DatabaseError& error, const Session& session, bool& timed_out) {
  const SessionSettings& settings = session.settings();
  if (error.sqlstate() == "57014" && !session.cancel_requested()) {  // not Ctrl-C: statement_timeout
    timed_out = true;
    return fmt::format("canceled by statement_timeout ({} ms)", settings.statement_timeout_ms);
  }
  if (error.sqlstate() == "55P03") {
    return fmt::format("canceled by lock_timeout ({} ms): another session holds a lock it needs",
                       settings.lock_timeout_ms);
  }
  if (error.sqlstate() == "42501" && session.identity().switched)
    return fmt::format("{} (replay role {}: `pgadvisor setup-role --db ... --apply` grants what it needs to read)",
                       error.what(), session.identity().role);
  return error.what();
}

}  // namespace

std::optional<double> ReplayResult::median_ms() const {
  std::optional<size_t> median = median_run(runs);
  if (!median) return std::nullopt;
  return runs[*median].ms();
}

ReplayResult replay_statement(Session& session, const Statement& statement, const StatementClass& statement_class,
                              const ReplayPolicy& policy) {
  ReplayResult result;
  ReplayDecision decision = decide_replay(statement_class, policy);
  result.reason = decision.reason;
  if (decision.action == ReplayAction::Refuse) return result;

  bool analyze = decision.action == ReplayAction::Analyze;
  bool analyzing = false;  // the EXPLAIN ANALYZE runs have begun
  try {
    bool planned = true;
    session.replayed(TransactionMode::ReadOnly, [&](Transaction& tx) {
      ClosureVerdict closure = check_execution_closure(tx, statement.sql, policy.allowed_functions);
      if (closure.risk == ClosureRisk::AtPlanning) {
        planned = false;
        result.reason = closure.reason;
        return;
      }
      if (analyze && closure.risk == ClosureRisk::AtExecution) {
        analyze = false;
        result.reason = closure.reason + ": explained without ANALYZE";
      } else if (analyze && missing_parameters(statement) > 0) {
        analyze = false;
        result.reason = "no parameter values logged: generic plan, not analyzed";
      }
      if (!analyze) result.explain_json = explain_statement(tx, statement, ExplainMode::PlanOnly, false);
    });
    if (!planned) return result;
    if (analyze) {
      analyzing = true;
      TransactionMode mode = is_write(statement_class.kind) ? TransactionMode::ReadWrite : TransactionMode::ReadOnly;
      auto run_once = [&] {  // each run in its own transaction, rolled back
        nlohmann::json output;
        session.replayed(mode, [&](Transaction& tx) { output = explain_statement(tx, statement, ExplainMode::Analyze, false); });
        return output;
      };
      nlohmann::json warmup_output;  // the plan kept only when no run is measured after it
      if (policy.warmup) {
        warmup_output = run_once();
        result.warmup = measure_run(parse_explain_json(warmup_output));
      }
      if (result.warmup && policy.runs > 0 && is_long_query(result.warmup->ms(), policy.long_query_ms)) {
        result.runs = {*result.warmup};  // a long query: its one run is the measurement, not a warm-up
        result.warmup.reset();
        result.long_query = true;
        result.explain_json = std::move(warmup_output);
      } else if (policy.runs > 0) {
        MeasuredRuns measured = measure_median(policy.runs, run_once, policy.long_query_ms);
        result.runs = std::move(measured.runs);
        result.long_query = measured.long_query;
        result.explain_json = std::move(measured.median_output);
      } else {
        result.explain_json = std::move(warmup_output);
      }
    }
    result.plan = parse_explain_json(result.explain_json);
    result.status = analyze ? ReplayStatus::Analyzed : ReplayStatus::Explained;
  } catch (const DatabaseError& error) {
    result.status = ReplayStatus::Failed;
    result.connection_lost = is_connection_lost(error.sqlstate()) || !session.is_open();
    const std::string deadline = session.deadline_action();
    result.reason = deadline.empty() ? failure_reason(error, session, result.timed_out) : deadline;
    if (!deadline.empty()) result.timed_out = true;
    if (result.timed_out) result.lower_bound_ms = session.settings().statement_timeout_ms;
    result.analyze_started = analyzing;
    // Canceled for Ctrl-C, or the connection gone: the runner decides what comes next.
    const bool canceled = error.sqlstate() == "57014" && !result.timed_out;
    if (analyzing && !canceled && !result.connection_lost && session.is_open()) explain_instead(session, statement, result);
  } catch (const nlohmann::json::exception& error) {  // EXPLAIN JSON this version cannot read
    result.status = ReplayStatus::Failed;
    result.reason = error.what();
  }
  return result;
}

void explain_instead(Session& session, const Statement& statement, ReplayResult& result) {
  const std::string failure = result.reason;
  try {
    nlohmann::json output;
    session.replayed(TransactionMode::ReadOnly, [&](Transaction& tx) {
      output = explain_statement(tx, statement, ExplainMode::PlanOnly, false);
    });
    result.plan = parse_explain_json(output);
    result.explain_json = std::move(output);
    result.warmup.reset();
    result.runs.clear();
    result.long_query = false;
    result.status = result.timed_out ? ReplayStatus::TimedOut : ReplayStatus::Explained;
    result.reason = result.timed_out
                        ? fmt::format("{}: planned with a plain EXPLAIN, its time is more than {:.0f} ms", failure,
                                      result.lower_bound_ms.value_or(0))
                        : "EXPLAIN ANALYZE failed (" + failure + "): planned with a plain EXPLAIN";
  } catch (const DatabaseError& error) {
    result.reason = fmt::format("{}; the plain EXPLAIN after it failed too: {}", failure, error.what());
  } catch (const nlohmann::json::exception& error) {
    result.reason = fmt::format("{}; the plain EXPLAIN after it cannot be read: {}", failure, error.what());
  }
}

bool has_usable_plan(const ReplayResult& result) {
  return result.status == ReplayStatus::Analyzed || result.status == ReplayStatus::Explained ||
         result.status == ReplayStatus::TimedOut;
}

std::string replay_status_name(ReplayStatus status) {
  switch (status) {
    case ReplayStatus::Analyzed: return "analyzed";
    case ReplayStatus::Explained: return "explained";
    case ReplayStatus::TimedOut: return "timed_out";
    case ReplayStatus::Refused: return "refused";
    case ReplayStatus::Failed: return "failed";
  }
  return "unknown";
}

std::optional<ReplayStatus> replay_status_from_name(const std::string& name) {
  for (ReplayStatus status : {ReplayStatus::Analyzed, ReplayStatus::Explained, ReplayStatus::TimedOut,
                              ReplayStatus::Refused, ReplayStatus::Failed})
    if (replay_status_name(status) == name) return status;
  return std::nullopt;
}

}  // namespace pgadvisor
