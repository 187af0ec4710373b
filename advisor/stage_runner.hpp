// StageRunner: the one place every stage of an audit after the replay runs through. Before a
// stage starts it checks the stop flag (after Ctrl-C nothing new starts); while it runs, the
// sessions it watches are canceled as soon as the flag is set (a canceled session runs nothing
// more, so the stage ends at once and its transaction, with any real index --verify built, is
// rolled back); it times the stage. A database error (DatabaseError, or a connection that
// cannot be opened: FatalError(Connection)) ends the stage with a diagnostic naming it and the
// stage is recorded as failed. A program error is never caught here: it reaches main (exit 4).
// A stage that re-runs the user's queries (run_measured) runs under the long-query threshold and
// its time budget (plans/pg/measure_limits.hpp): a spent budget makes it "budget exhausted", with
// a diagnostic saying how many measurements it did not start. A stage --skip-stage leaves out
// is recorded as skipped (skip).
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "advisor/model/audit_status.hpp"
#include "plans/diagnostic.hpp"
#include "plans/pg/session.hpp"

namespace pgadvisor {

// A stage that needs nothing but memory (findings from the replay, reconciling them) still runs
// after Ctrl-C: it starts nothing on the database and what was measured gets its findings.
enum class StageNeeds { Database, Nothing };

class StageRunner {
 public:
  StageRunner(const std::atomic<bool>* stop, Diagnostics& diagnostics);

  // Cancels `session` when the stop flag is set during a stage.
  void watch(Session& session);

  // Runs `body` as stage `name`; true when it ran to its end.
  bool run(const std::string& name, const std::function<void()>& body, StageNeeds needs = StageNeeds::Database);

  // The same for a stage that measures the user's queries, under --long-query and the stage's
  // budget (`option`: its name for --stage-budget and --skip-stage; no seconds: unbounded).
  bool run_measured(const std::string& name, const std::string& option, std::optional<double> budget_seconds,
                    const std::function<void()>& body);

  // Records stage `name` as left out by --skip-stage.
  void skip(const std::string& name);

  void set_long_query_ms(double ms) { long_query_ms_ = ms; }

  bool stopped() const { return stop_ && *stop_; }
  bool connection_failed() const { return connection_failed_; }
  const std::vector<StageRecord>& records() const { return records_; }

 private:
  const std::atomic<bool>* stop_;
  Diagnostics& diagnostics_;
  std::vector<Session*> watched_;
  std::vector<StageRecord> records_;
  bool connection_failed_ = false;
  double long_query_ms_ = 0;
};

}  // namespace pgadvisor
