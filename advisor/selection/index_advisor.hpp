// The index advisor stage of an audit: from the replayed templates, derive candidates, set
// aside those an existing index already serves, score configurations with hypopg's what-if
// plans and the cost model, choose with the greedy search (and, when the candidate groups are
// small enough, the exact search, to report how close the greedy came), and give the proposals
// with their evidence. A what-if failure becomes a diagnostic and `selection.unavailable`.
#pragma once

#include <string>
#include <vector>

#include "advisor/model/advice.hpp"
#include "advisor/candidates/candidate_rules.hpp"
#include "advisor/whatif/cost_model.hpp"
#include "advisor/selection/exact_selection.hpp"
#include "advisor/selection/index_selection.hpp"
#include "plans/pg/session.hpp"

namespace pgadvisor {

struct AdvisorOptions {
  CandidateOptions candidates;
  SelectionOptions selection;
  CostModelOptions cost;
  Weighing weigh_by = Weighing::Time;  // --weigh-by: a template's ratio, or the workload's
  bool exact = false;          // --exact: compare with the exact search on larger groups too
  size_t exact_group = 10;     // largest group the exact search takes without --exact
  size_t forced_exact_group = 18;
  bool verify = false;         // --verify: the database is disposable (see index_verification)
  int verify_runs = 3;
  // Tables no index is proposed on (names as "table" or "schema.table"); their candidates are
  // dropped and counted in a diagnostic.
  std::vector<std::string> excluded_tables;
};

struct IndexAdvice {
  std::vector<IndexProposal> indexes;
  std::vector<ServedCandidate> already_served;
  std::vector<DropSuggestion> drops;
  SelectionSummary selection;
  Diagnostics diagnostics;
};

// Advises on `audited`'s templates and its rewrites' steps (selection.per_day: the log's span)
// into `advice`, which keeps what was found when a database error or Ctrl-C ends it early.
void advise_indexes(Session& session, const AdvisorOptions& options, const Advice& audited, IndexAdvice& advice);

}  // namespace pgadvisor
