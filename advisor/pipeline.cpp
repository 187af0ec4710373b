#include "advisor/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "advisor/advice_gaps.hpp"
#include "advisor/advice_json.hpp"
#include "advisor/django/map_models.hpp"
#include "advisor/closure_recheck.hpp"
#include "advisor/whatif/cost_model.hpp"
#include "advisor/findings/finding_reconcile.hpp"
#include "advisor/findings/finding_savings.hpp"
#include "advisor/findings/findings_stage.hpp"
#include "advisor/selection/index_verification.hpp"
#include "advisor/rewrites/rewrite_templates.hpp"
#include "advisor/rewrites/rewrite_verification.hpp"
#include "advisor/stage_runner.hpp"
#include "plans/fatal_error.hpp"
#include "plans/log/log_file.hpp"
#include "plans/utc_time.hpp"
#include "plans/workload/pg_stat_statements.hpp"
#include "plans/workload/log_ingest.hpp"
#include "plans/workload/replay_journal.hpp"
#include "plans/workload/workload_file.hpp"

namespace pgadvisor {

Workload read_workload(const std::vector<std::string>& logs, LogFormat format, const LogReadOptions& options,
                       size_t keep_calls, const StatementFilterOptions& filter) {
  return ingest_logs(logs, format, options, keep_calls, filter);
}

ReplayStage run_replay_stage(const AuditOptions& options) {
  Workload workload = read_workload(options.logs, options.log_format, options.log_options,
                                    calls_to_keep(options.replay.samples), options.filter);
  if (options.from_pg_stat_statements) {
    Session session(options.dsn, options.replay.session);
    read_pg_stat_statements(session, workload, options.filter);
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
  ReplayStage stage;
  stage.replayed = replay_workload(workload, options.dsn, options.replay, options.stop ? *options.stop : never,
                                   options.progress, journal ? &memory : nullptr);
  ReplayedWorkload& replayed = stage.replayed;
  if (journal && journal->resumed() > 0)
    replayed.diagnostics.push_back({"resume", 0,
                                    fmt::format("{} samples read back from the journal {}, not replayed again",
                                                journal->resumed(), journal->path()),
                                    ""});
  if (journal && !journal->error().empty())
    replayed.diagnostics.push_back({"resume", 0, journal->error() + "; --resume will replay what came after", ""});
  stage.sessions = analyze_sessions(workload);
  replayed.logs = options.logs;
  return stage;
}

ReplayedWorkload for_workload_file(ReplayStage stage) {
  stage.replayed.session_analysis = session_analysis_to_json(stage.sessions);
  return std::move(stage.replayed);
}

namespace {

// A saved workload: what it measured and its session analysis, read back at the file's edge.
ReplayStage read_saved_workload(const std::string& path) {
  ReplayStage stage;
  stage.replayed = read_workload_file(path);
  try {
    stage.sessions = session_analysis_from_json(stage.replayed.session_analysis);
  } catch (const std::exception& error) {
    throw FatalError(FatalKind::Input, path + ": session_analysis: " + error.what());
  }
  return stage;
}

// With several samples of a template replayed (--samples k|all), the audit advises on the one
// whose replay took longest: a timed-out one first, then the slowest median; its plan is the
// worst case the log showed. The first sample when none has a usable plan.
size_t advised_sample(const std::vector<ReplayedSample>& samples) {
  size_t chosen = 0;
  double slowest = -1;
  for (size_t i = 0; i < samples.size(); ++i) {
    const ReplayResult& result = samples[i].result;
    if (!has_usable_plan(result)) continue;
    double ms = result.status == ReplayStatus::TimedOut ? 1e300 : result.median_ms().value_or(0);
    if (ms > slowest) chosen = i, slowest = ms;
  }
  return chosen;
}

// The replay's row of the stage table: samples measured, and those measured once (--long-query).
void count_replay_measurements(const ReplayedWorkload& replayed, StageRecord& record) {
  for (const auto& entry : replayed.templates)
    for (const auto& sample : entry.samples) {
      if (sample.result.runs.empty()) continue;
      ++record.measured;
      if (sample.result.long_query) ++record.long_queries;
    }
}

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
    ReplayedSample& sample = entry.samples[advised_sample(entry.samples)];
    if (sample.result.connection_lost) ++advice.not_replayed;
    if (entry.samples.size() > 1) entry.tmpl.sample = sample.statement;
    advice.templates.push_back({std::move(entry.tmpl), std::move(sample.result)});
  }
}

void take_rewrite_steps(RewriteSteps steps, Advice& advice) {
  for (auto& entry : advice.templates)
    if (steps.superseded.count(entry.tmpl.fingerprint)) entry.superseded_by_rewrite = true;
  advice.rewrite_steps = std::move(steps.steps);
}

void take_index_advice(IndexAdvice result, Advice& advice) {
  advice.indexes = std::move(result.indexes);
  advice.already_served = std::move(result.already_served);
  advice.drops = std::move(result.drops);
  advice.selection = std::move(result.selection);
  for (auto& diagnostic : result.diagnostics) advice.diagnostics.push_back(std::move(diagnostic));
}

}  // namespace

// Every stage of an audit, in order. Each stage returns its result; only this function writes
// them into the Advice. The StageRunner times each stage, stops starting new ones after Ctrl-C
// and turns a database error into a failed stage (see stage_runner.hpp).
Advice run_audit(const AuditOptions& options) {
  // 1. ingest and replay (or a saved workload)
  const auto started = std::chrono::steady_clock::now();
  ReplayStage replay = options.workload_file.empty() ? run_replay_stage(options) : read_saved_workload(options.workload_file);
  StageRecord ingest;
  ingest.name = options.workload_file.empty() ? "replay" : "read workload";
  ingest.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (options.workload_file.empty() && replay.replayed.interrupted) ingest.outcome = StageOutcome::Interrupted;
  count_replay_measurements(replay.replayed, ingest);
  Advice advice;
  SessionAnalysis sessions = std::move(replay.sessions);
  take_replay(std::move(replay.replayed), advice);
  advice.sessions = sessions.sessions;
  StageRunner stages(options.stop, advice.diagnostics);
  stages.set_long_query_ms(options.replay.policy.long_query_ms);
  const StageBudgets& budgets = options.stage_budgets;
  // A stage that re-runs the user's queries: skipped, or run under its budget.
  auto measured_stage = [&](const std::string& option, const std::string& name, const std::function<void()>& body) {
    if (budgets.skips(option)) return stages.skip(name);
    stages.run_measured(name, option, budgets.budget(option), body);
  };
  // a saved workload that is partial is a fact of the report, not this run's interruption
  if (!options.workload_file.empty() && (advice.interrupted || advice.server_lost)) {
    advice.partial_workload = true;
    advice.interrupted = advice.server_lost = false;
  }
  // 2. findings from the log's order and the replayed plans
  stages.run("findings", [&] { advice.findings = collect_findings(sessions, advice.templates); }, StageNeeds::Nothing);
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
    if (!options.workload_file.empty())  // a saved workload's statements are checked on this database
      stages.run("closure recheck", [&] {
        recheck_closures(*session, options.replay.policy.allowed_functions, advice.templates, advice.diagnostics);
      });
    // 3. IN-subquery rewrites, verified; their steps are advised on like templates
    if (options.rewrites.enabled && verify_session)
      measured_stage("rewrites", "rewrites", [&] {
        advice.rewrites = advise_rewrites(*verify_session, advice.templates, options.rewrites);
        take_rewrite_steps(rewrite_steps(advice.rewrites, advice.templates), advice);
      });
    // 4. index advice over the whole workload
    stages.run("index advice", [&] {
      IndexAdvice result;  // what it found is kept when it ends early (the error goes on to the runner)
      try {
        advise_indexes(*session, options.advisor, advice, result);
      } catch (...) {
        take_index_advice(std::move(result), advice);
        throw;
      }
      take_index_advice(std::move(result), advice);
    });
    // 5. --verify: the proposals built for real, measured, rolled back
    if (options.advisor.verify && verify_session)
      measured_stage("verify", "verify", [&] {
        Verification verified =
            verify_proposals(*verify_session, options.advisor.verify_runs, options.rewrites.verify_timeout_ms, advice);
        advice.indexes = std::move(verified.indexes);
        advice.verification = std::move(verified.summary);
      });
    // 6. what each finding's fix would save
    FindingSavingOptions savings = options.finding_savings;
    savings.stop = options.stop;
    if (budgets.skips("finding-savings")) {  // what needs no measurement is still filled in
      savings.measure = false;
      savings.not_measured_reason = "--skip-stage finding-savings";
      advice.findings = estimate_finding_savings(*session, savings, advice);
    }
    measured_stage("finding-savings", "finding savings",
                   [&] { advice.findings = estimate_finding_savings(*session, savings, advice); });
    // 7. the Django models of the proposed indexes' tables (--migration django; otherwise for the
    //    report's migrations, when the database is a Django project's)
    if (options.django && !advice.indexes.empty())
      stages.run("django mapping", [&] {
        advice.django = django_mapping_stage(*session, *options.django, advice.indexes, advice.diagnostics);
      });
    stages.run("relation check",
               [&] { session->rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) { relations = check_relations(tx, advice); }); });
  }
  // 8. findings made to agree with the indexes and rewrites
  stages.run("reconcile", [&] { advice.findings = reconcile_findings(advice); }, StageNeeds::Nothing);
  advice.stages = stages.records();
  advice.stages.insert(advice.stages.begin(), ingest);
  advice.connection_failed = stages.connection_failed();
  if (stages.stopped()) advice.interrupted = true;
  for (const auto& stage : advice.stages)
    if (stage.name == "verify" && stage.outcome == StageOutcome::Skipped)
      advice.verification.note = "not run: --skip-stage verify";
    else if (stage.name == "verify" && stage.outcome == StageOutcome::Interrupted) {
      advice.verification = VerificationSummary{};
      advice.verification.note = "interrupted (Ctrl-C): not measured; the indexes it built were rolled back";
    }
  // 9. what could not be computed
  advice.incomplete = advice_gaps(advice, relations);
  advice.generated_at = utc_timestamp(std::chrono::system_clock::now());
  // 10. this audit's report against an earlier one (--baseline)
  if (options.baseline) {
    const auto started_baseline = std::chrono::steady_clock::now();
    try {
      advice.baseline = compare_to_baseline(*options.baseline, advice_to_json(advice), options.baseline_options);
    } catch (const std::invalid_argument& error) {
      throw FatalError(FatalKind::Usage, std::string("--baseline: ") + error.what());
    }
    StageRecord baseline;
    baseline.name = "baseline";
    baseline.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_baseline).count();
    advice.stages.push_back(baseline);
  }
  return advice;
}

}  // namespace pgadvisor
