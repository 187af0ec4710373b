#include "advisor/pipeline.hpp"

#include <algorithm>
#include <optional>

#include "advisor/closure_recheck.hpp"
#include "advisor/cost_model.hpp"
#include "advisor/finding_reconcile.hpp"
#include "advisor/finding_savings.hpp"
#include "advisor/findings_stage.hpp"
#include "advisor/index_verification.hpp"
#include "advisor/rewrite_templates.hpp"
#include "advisor/rewrite_verification.hpp"
#include "plans/log/log_file.hpp"
#include "plans/pg/pg_stat_statements.hpp"
#include "plans/workload/log_ingest.hpp"
#include "plans/workload/workload_file.hpp"

namespace pgadvisor {

Workload read_workload(const std::vector<std::string>& logs, LogFormat format, const LogReadOptions& options,
                       size_t keep_calls) {
  return ingest_logs(logs, format, options, keep_calls);
}

ReplayedWorkload run_replay_stage(const AuditOptions& options) {
  Workload workload =
      read_workload(options.logs, options.log_format, options.log_options, calls_to_keep(options.replay.samples));
  if (options.from_pg_stat_statements) {
    Session session(options.dsn, options.replay.session);
    read_pg_stat_statements(session, workload);
  }
  static const std::atomic<bool> never{false};
  ReplayedWorkload replayed =
      replay_workload(workload, options.dsn, options.replay, options.stop ? *options.stop : never, options.progress);
  replayed.session_analysis = analyze_sessions(workload);
  replayed.logs = options.logs;
  return replayed;
}

Advice run_audit(const AuditOptions& options) {
  ReplayedWorkload replayed =
      options.workload_file.empty() ? run_replay_stage(options) : read_workload_file(options.workload_file);
  Advice advice;
  advice.logs = replayed.logs;
  advice.database = redact_dsn(options.dsn);
  advice.statements = replayed.statements;
  advice.diagnostics = replayed.diagnostics;
  advice.server_version = replayed.server.version_num;
  advice.identity = replayed.identity;
  advice.first_timestamp = replayed.first_timestamp;
  advice.last_timestamp = replayed.last_timestamp;
  advice.selection.per_day = per_day_factor(replayed.first_timestamp, replayed.last_timestamp);
  for (auto& entry : replayed.templates) {
    if (entry.samples.empty()) continue;
    advice.templates.push_back({std::move(entry.tmpl), std::move(entry.samples.front().result)});
  }
  collect_findings(replayed.session_analysis, advice);
  Session session(options.dsn, options.replay.session);
  if (!options.workload_file.empty()) recheck_closures(session, options.replay.policy.allowed_functions, advice);
  // Rewrites and --verify have their own session: each call's deadline follows --verify-timeout.
  SessionSettings verifying = options.replay.session;
  verifying.statement_timeout_ms = options.rewrites.verify_timeout_ms;
  std::optional<Session> verify_session;
  try {
    if (options.rewrites.enabled || options.advisor.verify) verify_session.emplace(options.dsn, verifying);
  } catch (const std::exception& error) {  // the replay's results are kept and reported
    advice.diagnostics.push_back({"rewrite", 0, std::string("rewrites and --verify unavailable: ") + error.what(), ""});
  }
  if (options.rewrites.enabled && verify_session) {
    try {
      advice.rewrites = advise_rewrites(*verify_session, advice, options.rewrites);
      add_rewrite_steps(advice);
    } catch (const std::exception& error) {
      advice.diagnostics.push_back({"rewrite", 0, std::string("IN-subquery rewrites unavailable: ") + error.what(), ""});
    }
  }
  advise_indexes(session, options.advisor, advice);
  if (options.advisor.verify && verify_session) {
    try {
      verify_proposals(*verify_session, options.advisor.verify_runs, options.rewrites.verify_timeout_ms, advice);
    } catch (const std::exception& error) {
      advice.verification.note = std::string("verification failed: ") + error.what();
    }
  }
  FindingSavingOptions savings = options.finding_savings;
  savings.stop = options.stop;
  estimate_finding_savings(session, savings, advice);
  reconcile_findings(advice);
  return advice;
}

}  // namespace pgadvisor
