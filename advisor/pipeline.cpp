#include "advisor/pipeline.hpp"

#include <algorithm>

#include "advisor/existing_index_match.hpp"
#include "plans/log/log_file.hpp"
#include "plans/pg/pg_stat_statements.hpp"
#include "plans/workload/log_ingest.hpp"
#include "plans/workload/workload_file.hpp"

namespace pgadvisor {
namespace {

bool plannable(const TemplateAdvice& advice) {
  bool planned = advice.replay.status == ReplayStatus::Analyzed || advice.replay.status == ReplayStatus::Explained;
  StatementKind kind = advice.tmpl.statement_class.kind;
  return planned && (kind == StatementKind::Select || kind == StatementKind::Update || kind == StatementKind::Delete);
}

void advise_indexes(Session& session, const AuditOptions& options, Advice& advice) {
  std::vector<const QueryTemplate*> targets;
  std::vector<std::string> tables;
  for (const auto& entry : advice.templates) {
    if (!plannable(entry)) continue;
    targets.push_back(&entry.tmpl);
    for (const auto& table : entry.tmpl.facts.table_names())
      if (std::find(tables.begin(), tables.end(), table) == tables.end()) tables.push_back(table);
  }
  if (targets.empty()) return;

  bool have_hypopg = false;
  std::vector<ExistingIndex> existing;
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    have_hypopg = hypopg_installed(tx);
    existing = read_existing_indexes(tx, tables);
  });

  std::vector<IndexCandidate> fresh;
  for (auto& candidate : candidates_for_workload(targets, options.candidates)) {
    if (const ExistingIndex* index = serving_index(candidate, existing))
      advice.already_served.push_back({candidate, index->name});
    else
      fresh.push_back(std::move(candidate));
  }
  advice.candidates_evaluated = static_cast<long long>(fresh.size());

  TransactionMode mode = have_hypopg ? TransactionMode::ReadOnly : TransactionMode::ReadWrite;
  try {
    session.rolled_back(mode, [&](Transaction& tx) {
      WhatIf whatif(tx);
      advice.indexes = select_indexes(whatif, targets, std::move(fresh), options.selection);
      advice.whatif_requests = whatif.explain_requests();
      whatif.reset();
    });
  } catch (const std::exception& error) {  // the replay's results are kept and reported
    advice.diagnostics.push_back({"what-if", 0, std::string("index advice unavailable: ") + error.what(), ""});
  }
}

}  // namespace

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
  for (auto& entry : replayed.templates) {
    if (entry.samples.empty()) continue;
    advice.templates.push_back({std::move(entry.tmpl), std::move(entry.samples.front().result)});
  }
  Session session(options.dsn, options.replay.session);
  advise_indexes(session, options, advice);
  return advice;
}

}  // namespace pgadvisor
