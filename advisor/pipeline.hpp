// The audit pipeline, the one place that knows the order of the stages: read the logs into a
// workload and replay each template safely (or read a workload saved by `pgadvisor replay`),
// then, each through the StageRunner (stop flag, timing, database errors as diagnostics):
// findings, rewrites, index advice, --verify, finding savings, the Django mapping (with
// a Django database or --migration django), the relation check, reconciling the findings, the gaps that make the
// advice incomplete; last, the comparison with --baseline. Each stage returns its own result and run_audit alone puts it into the
// Advice. Unreadable logs and a first connection that fails throw FatalError; a later database
// failure is a failed stage, kept in the Advice with what was measured before it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "advisor/baseline_compare.hpp"
#include "advisor/model/advice.hpp"
#include "advisor/django/map_models.hpp"
#include "advisor/findings/findings_stage.hpp"
#include "advisor/findings/finding_savings.hpp"
#include "advisor/stage_budgets.hpp"
#include "advisor/selection/index_advisor.hpp"
#include "advisor/rewrites/rewrite_verification.hpp"
#include "plans/log/log_file.hpp"
#include "plans/log/log_format.hpp"
#include "plans/pg/session.hpp"
#include "plans/workload/statement_filter.hpp"
#include "plans/workload/workload_replay.hpp"

namespace pgadvisor {

struct AuditOptions {
  std::string dsn;                // libpq connection string; empty uses the PG* variables
  std::vector<std::string> logs;
  LogFormat log_format = LogFormat::Auto;
  LogReadOptions log_options;
  bool from_pg_stat_statements = false;  // add the database's pg_stat_statements entries
  StatementFilterOptions filter;         // --database, --user, --application, --since, --until
  std::string workload_file;      // a saved workload: no log is read, nothing is replayed
  ReplaySettings replay;
  std::string journal;  // the resume journal of the replay; empty: none
  bool resume = false;  // read the journal back: what it holds is not replayed again
  const std::atomic<bool>* stop = nullptr;  // Ctrl-C: replay ends early, what was measured is kept
  ReplayProgress progress;
  AdvisorOptions advisor;
  RewriteOptions rewrites;
  FindingSavingOptions finding_savings;
  StageBudgets stage_budgets;  // --stage-budget, --skip-stage
  std::optional<DjangoMappingOptions> django;  // map the indexes to Django models (required: --migration django)
  std::optional<nlohmann::json> baseline;        // --baseline: an earlier JSON report to compare with
  BaselineOptions baseline_options;
};

Workload read_workload(const std::vector<std::string>& logs, LogFormat format, const LogReadOptions& options = {},
                       size_t keep_calls = 1, const StatementFilterOptions& filter = {});

// What the replay stage measured, and the session analysis of the log's statement order.
struct ReplayStage {
  ReplayedWorkload replayed;
  SessionAnalysis sessions;
};

// The replay stage alone (`pgadvisor replay`): read the logs (and pg_stat_statements), replay.
ReplayStage run_replay_stage(const AuditOptions& options);

// The replay stage's result as the workload file keeps it (the session analysis as JSON).
ReplayedWorkload for_workload_file(ReplayStage stage);

Advice run_audit(const AuditOptions& options);

}  // namespace pgadvisor
