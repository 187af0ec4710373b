// How far an audit got: each stage's outcome and time (the replay's, then those stage_runner
// records), whether Ctrl-C ended it early, and the gaps that make its advice incomplete
// (advice_gaps decides them): each gap names its cause and the fix. Reports show the gaps as a headline; the audit command
// turns them into its exit status. Plain data.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pgadvisor {

// Skipped: --skip-stage left it out. BudgetExhausted: its --stage-budget ran out; what it
// measured is kept, the rest is reported as not measured (not a gap: the bound is the user's).
enum class StageOutcome { Done, Interrupted, Failed, Skipped, BudgetExhausted };

struct StageRecord {
  std::string name;
  StageOutcome outcome = StageOutcome::Done;
  double seconds = 0;
  std::string error;  // Failed: the database's error
  std::optional<double> budget_seconds;  // a stage that re-runs the user's queries: its time budget
  int measured = 0;    // statements it measured (each once or k times) ...
  int unmeasured = 0;  // ... and those it did not start once its budget was spent
  int long_queries = 0;  // of those measured, the ones measured by one run (--long-query)
};

enum class GapKind {
  Connection,  // the database could not be reached, or was lost: exit 3
  Advice,      // the advice could not be computed: exit 5 unless --accept-partial
};

struct AdviceGap {
  GapKind kind = GapKind::Advice;
  std::string cause;  // one sentence: what could not be done, with counts
  std::string fix;    // one sentence: what the user can do
};

std::string stage_outcome_name(StageOutcome outcome);  // "done", "interrupted", "failed", "skipped", "budget exhausted"

}  // namespace pgadvisor
