#include "advisor/pipeline.hpp"

#include <algorithm>

#include "advisor/existing_index_match.hpp"
#include "plans/log/log_file.hpp"
#include "plans/pg/pg_stat_statements.hpp"
#include "plans/workload/log_ingest.hpp"

namespace pgadvisor {
namespace {

bool plannable(const TemplateAdvice& advice) {
  bool planned = advice.replay.status == ReplayStatus::Analyzed || advice.replay.status == ReplayStatus::Explained;
  StatementKind kind = advice.tmpl.statement_class.kind;
  return planned && (kind == StatementKind::Select || kind == StatementKind::Update || kind == StatementKind::Delete);
}

void replay_all(Session& session, const Workload& workload, Advice& advice) {
  for (const auto& tmpl : workload.templates()) {
    TemplateAdvice entry{tmpl, replay_statement(session, tmpl.sample, tmpl.statement_class)};
    if (entry.replay.status == ReplayStatus::Refused || entry.replay.status == ReplayStatus::Failed) {
      std::string verb = entry.replay.status == ReplayStatus::Refused ? "not replayed: " : "replay failed: ";
      advice.diagnostics.push_back({tmpl.sample.source, tmpl.sample.line, verb + entry.replay.reason, tmpl.sample.sql});
    }
    advice.templates.push_back(std::move(entry));
  }
  std::stable_sort(advice.templates.begin(), advice.templates.end(),
                   [](const TemplateAdvice& a, const TemplateAdvice& b) { return a.tmpl.total_ms > b.tmpl.total_ms; });
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

Workload read_workload(const std::vector<std::string>& logs, LogFormat format, const LogReadOptions& options) {
  return ingest_logs(logs, format, options);
}

Advice run_audit(const AuditOptions& options) {
  Workload workload = read_workload(options.logs, options.log_format, options.log_options);
  Session session(options.dsn, options.session);
  if (options.from_pg_stat_statements) read_pg_stat_statements(session, workload);
  Advice advice;
  advice.logs = options.logs;
  advice.database = redact_dsn(options.dsn);
  advice.statements = workload.statement_count();
  advice.diagnostics = workload.diagnostics();

  advice.server_version = session.server_version();
  replay_all(session, workload, advice);
  advise_indexes(session, options, advice);
  return advice;
}

}  // namespace pgadvisor
