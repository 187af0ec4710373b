// Advice: everything an audit found, handed from the pipeline to the report writers: each
// template with its replay, the proposed indexes and how they were chosen, the candidates an
// existing index already serves, the --verify measurements, every diagnostic, and how far the
// audit got (stages, interruption, the gaps that make it incomplete). Plain data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "advisor/model/audit_status.hpp"
#include "advisor/model/django_mapping.hpp"
#include "advisor/model/drop_suggestion.hpp"
#include "advisor/model/finding.hpp"
#include "advisor/model/session_summary.hpp"
#include "advisor/model/index_proposal.hpp"
#include "advisor/model/rewrite_advice.hpp"
#include "plans/diagnostic.hpp"
#include "plans/pg/replay.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

struct TemplateAdvice {
  QueryTemplate tmpl;
  ReplayResult replay;
  bool superseded_by_rewrite = false;  // a proposed rewrite replaces it: indexes are advised for its steps
};

struct ServedCandidate {
  IndexCandidate candidate;
  std::string existing_index;
};

struct Advice {
  std::vector<std::string> logs;
  std::string database;        // redacted connection string
  int server_version = 0;
  std::string generated_at;    // when the audit's advice was complete, UTC (plans/utc_time.hpp)
  ReplayIdentity identity;     // the role the statements were replayed as
  long long statements = 0;    // read from the logs
  std::string first_timestamp, last_timestamp;  // the log's span, as logged; empty when unknown
  std::vector<TemplateAdvice> templates;  // slowest total time first
  std::vector<IndexProposal> indexes;
  std::vector<ServedCandidate> already_served;
  std::vector<DropSuggestion> drops;  // existing indexes the workload does not need
  std::vector<RewriteAdvice> rewrites;  // IN-subquery rewrites tried, proposed or not
  std::vector<Finding> findings;        // ORM and plan anti-patterns, most saving first
  std::vector<SessionSummary> sessions;  // per session (or burst): queries, duplicates, time
  std::vector<TemplateAdvice> rewrite_steps;  // the proposed rewrites' steps, advised on like templates
  SelectionSummary selection;
  VerificationSummary verification;
  Diagnostics diagnostics;
  std::vector<StageRecord> stages;   // each stage after the replay: outcome and time
  bool interrupted = false;          // Ctrl-C: some of it was not measured
  bool server_lost = false;          // the replay lost its server for good
  bool partial_workload = false;     // --workload: its replay was interrupted or lost its server
  long long not_replayed = 0;        // templates the lost server left unmeasured
  bool connection_failed = false;    // a stage could not open its connection
  std::vector<AdviceGap> incomplete; // why the advice could not be computed (empty: it could)
  std::optional<DjangoMapping> django;  // the Django models of the indexes' tables (a Django database, --migration django)
  // --baseline: this audit's report against the earlier one (baseline_compare.hpp); it compares
  // two JSON reports, so it is JSON, like them
  std::optional<nlohmann::json> baseline;
};

}  // namespace pgadvisor
