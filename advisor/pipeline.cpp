#include "advisor/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "advisor/advice_gaps.hpp"
#include "advisor/closure_recheck.hpp"
#include "advisor/whatif/cost_model.hpp"
#include "advisor/findings/finding_reconcile.hpp"
#include "advisor/findings/finding_savings.hpp"
#include "advisor/findings/findings_stage.hpp"
#include "advisor/selection/index_verification.hpp"
#include "advisor/rewrites/rewrite_templates.hpp"
#include "advisor/rewrites/rewrite_verification.hpp"
#include "advisor/stage_runner.hpp"
#include "plans/log/log_file.hpp"
#include "plans/workload/pg_stat_statements.hpp"
#include "plans/workload/log_ingest.hpp"
#include "plans/workload/replay_journal.hpp"
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
  std::optional<ReplayJournal> journal;
  ReplayMemory memory;
  if (!options.journal.empty()) {
    journal.emplace(options.journal, journal_run_identity(options.logs, redact_dsn(options.dsn), options.replay),
                    options.resume);
    memory.recall = [&](const std::string& key, const Statement& statement) { return journal->recall(key, statement); };
    memory.record = [&](const std::string& key, const Statement& statement, const ReplayResult& result) {
      journal->record(key, statement, result);
    };
  }
  static const std::atomic<bool> never{false};
  ReplayedWorkload replayed = replay_workload(workload, options.dsn, options.replay, options.stop ? *options.stop : never,
                                              options.progress, journal ? &memory : nullptr);
  if (journal && journal->resumed() > 0)
    replayed.diagnostics.push_back({"resume", 0,
                                    fmt::format("{} samples read back from the journal {}, not replayed again",
                                                journal->resumed(), journal->path()),
                                    ""});
  if (journal && !journal->error().empty())
    replayed.diagnostics.push_back({"resume", 0, journal->error() + "; --resume will replay what came after", ""});
  replayed.session_analysis = analyze_sessions(workload);
  replayed.logs = options.logs;
  return replayed;
}

namespace {

void take_replay(ReplayedWorkload&& replayed, Advice& advice) {
  advice.logs = replayed.logs;
  advice.database = replayed.database;
  advice.statements = replayed.statements;
  advice.diagnostics = replayed.diagnostics;
  advice.server_version = replayed.server.version_num;
  advice.identity = replayed.identity;
  advice.first_timestamp = replayed.first_timestamp;
  advice.last_timestamp = replayed.last_timestamp;
  advice.interrupted = replayed.interrupted;
  advice.server_lost = replayed.server_lost;
  advice.selection.per_day = per_day_factor(replayed.first_timestamp, replayed.last_timestamp);
  for (auto& entry : replayed.templates) {
    if (entry.samples.empty()) continue;
    if (entry.samples.front().result.connection_lost) ++advice.not_replayed;
    advice.templates.push_back({std::move(entry.tmpl), std::move(entry.samples.front().result)});
  }
}

}  // namespace

Advice run_audit(const AuditOptions& options) {
  ReplayedWorkload replayed =
      options.workload_file.empty() ? run_replay_stage(options) : read_workload_file(options.workload_file);
  Advice advice;
  nlohmann::json session_analysis = std::move(replayed.session_analysis);
  take_replay(std::move(replayed), advice);
  StageRunner stages(options.stop, advice.diagnostics);
  // a saved workload that is partial is a fact of the report, not this run's interruption
  if (!options.workload_file.empty() && (advice.interrupted || advice.server_lost)) {
    advice.partial_workload = true;
    advice.interrupted = advice.server_lost = false;
  }
  stages.run("findings", [&] { collect_findings(session_analysis, advice); }, StageNeeds::Nothing);
  RelationCheck relations;
  // A replay that lost its server for good: what it measured is reported, nothing more is tried.
  std::optional<Session> session, verify_session;
  if (!advice.server_lost)
    stages.run("connect", [&] {
      session.emplace(options.dsn, options.replay.session);
      advice.database = session->connected_to();
      stages.watch(*session);
      // Rewrites and --verify have their own session: each call's deadline follows --verify-timeout.
      SessionSettings verifying = options.replay.session;
      verifying.statement_timeout_ms = options.rewrites.verify_timeout_ms;
      if (options.rewrites.enabled || options.advisor.verify) {
        verify_session.emplace(options.dsn, verifying);
        stages.watch(*verify_session);
      }
    });
  if (session) {
    if (!options.workload_file.empty())
      stages.run("closure recheck", [&] { recheck_closures(*session, options.replay.policy.allowed_functions, advice); });
    if (options.rewrites.enabled && verify_session)
      stages.run("rewrites", [&] {
        advice.rewrites = advise_rewrites(*verify_session, advice, options.rewrites);
        add_rewrite_steps(advice);
      });
    stages.run("index advice", [&] { advise_indexes(*session, options.advisor, advice); });
    if (options.advisor.verify && verify_session)
      stages.run("verify", [&] {
        verify_proposals(*verify_session, options.advisor.verify_runs, options.rewrites.verify_timeout_ms, advice);
      });
    stages.run("finding savings", [&] {
      FindingSavingOptions savings = options.finding_savings;
      savings.stop = options.stop;
      estimate_finding_savings(*session, savings, advice);
    });
    stages.run("relation check",
               [&] { session->rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) { relations = check_relations(tx, advice); }); });
  }
  stages.run("reconcile", [&] { reconcile_findings(advice); }, StageNeeds::Nothing);
  advice.stages = stages.records();
  advice.connection_failed = stages.connection_failed();
  if (stages.stopped()) advice.interrupted = true;
  for (const auto& stage : advice.stages)
    if (stage.name == "verify" && stage.outcome == StageOutcome::Interrupted) {
      advice.verification = VerificationSummary{};
      advice.verification.note = "interrupted (Ctrl-C): not measured; the indexes it built were rolled back";
    }
  advice.incomplete = advice_gaps(advice, relations);
  return advice;
}

}  // namespace pgadvisor
