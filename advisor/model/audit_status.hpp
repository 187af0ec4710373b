// How far an audit got: each stage's outcome and time (the replay's, then those stage_runner
// records), whether Ctrl-C ended it early, and the gaps that make its advice incomplete
// (advice_gaps decides them): each gap names its cause and the fix. Reports show the gaps as a headline; the audit command
// turns them into its exit status. Plain data.
#pragma once

#include <string>
#include <vector>

namespace pgadvisor {

enum class StageOutcome { Done, Interrupted, Failed };

struct StageRecord {
  std::string name;
  StageOutcome outcome = StageOutcome::Done;
  double seconds = 0;
  std::string error;  // Failed: the database's error
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

std::string stage_outcome_name(StageOutcome outcome);  // "done", "interrupted", "failed"

}  // namespace pgadvisor
