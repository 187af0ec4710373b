#include "advisor/stage_runner.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "plans/fatal_error.hpp"
#include "plans/pg/measure_limits.hpp"

namespace pgadvisor {
namespace {

constexpr auto kStopPoll = std::chrono::milliseconds(20);

// While alive, cancels the sessions once the stop flag is set.
class CancelOnStop {
 public:
  CancelOnStop(const std::atomic<bool>* stop, const std::vector<Session*>& sessions) {
    if (!stop || sessions.empty()) return;
    watcher_ = std::thread([this, stop, sessions] {
      std::unique_lock<std::mutex> lock(mutex_);
      while (!done_) {
        // again at every poll: a cancel that lands between two statements is lost on the server
        if (*stop)
          for (Session* session : sessions) session->cancel();
        wake_.wait_for(lock, kStopPoll);
      }
    });
  }
  ~CancelOnStop() {
    if (!watcher_.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    watcher_.join();
  }
  CancelOnStop(const CancelOnStop&) = delete;
  CancelOnStop& operator=(const CancelOnStop&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread watcher_;
};

}  // namespace

std::string stage_outcome_name(StageOutcome outcome) {
  switch (outcome) {
    case StageOutcome::Done: return "done";
    case StageOutcome::Interrupted: return "interrupted";
    case StageOutcome::Failed: return "failed";
    case StageOutcome::Skipped: return "skipped";
    case StageOutcome::BudgetExhausted: return "budget exhausted";
  }
  return "failed";
}

StageRunner::StageRunner(const std::atomic<bool>* stop, Diagnostics& diagnostics)
    : stop_(stop), diagnostics_(diagnostics) {}

void StageRunner::watch(Session& session) { watched_.push_back(&session); }

bool StageRunner::run(const std::string& name, const std::function<void()>& body, StageNeeds needs) {
  StageRecord record;
  record.name = name;
  if (needs == StageNeeds::Nothing) {
    auto started = std::chrono::steady_clock::now();
    body();
    record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    records_.push_back(record);
    return true;
  }
  if (stopped()) {
    record.outcome = StageOutcome::Interrupted;
    records_.push_back(record);
    return false;
  }
  auto started = std::chrono::steady_clock::now();
  try {
    CancelOnStop canceller(stop_, watched_);
    body();
  } catch (const DatabaseError& error) {
    record.outcome = StageOutcome::Failed;
    record.error = error.what();
    if (is_connection_lost(error.sqlstate())) connection_failed_ = true;
  } catch (const FatalError& error) {
    if (error.kind() != FatalKind::Connection) throw;
    record.outcome = StageOutcome::Failed;
    record.error = error.what();
    connection_failed_ = true;
  }
  record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (stopped()) record.outcome = StageOutcome::Interrupted;  // what it measured before the cancel is kept
  else if (record.outcome == StageOutcome::Failed)
    diagnostics_.push_back({name, 0, "stage failed: " + record.error, ""});
  records_.push_back(record);
  return record.outcome == StageOutcome::Done;
}

bool StageRunner::run_measured(const std::string& name, const std::string& option,
                               std::optional<double> budget_seconds, const std::function<void()>& body) {
  MeasureBudget budget(option, budget_seconds);
  bool ended;
  {
    MeasureScope scope({long_query_ms_, &budget});
    ended = run(name, body);
  }
  StageRecord& record = records_.back();
  record.budget_seconds = budget_seconds;
  record.measured = budget.measured();
  record.unmeasured = budget.unmeasured();
  record.long_queries = budget.long_queries();
  if (budget.unmeasured() == 0 || record.outcome != StageOutcome::Done) return ended;
  record.outcome = StageOutcome::BudgetExhausted;
  diagnostics_.push_back(
      {name, 0,
       fmt::format("time budget of {:g} s ran out: {} measurement(s) made, {} not started and reported as not "
                   "measured; raise it with --stage-budget {}=DURATION or leave the stage out with --skip-stage {}",
                   budget_seconds.value_or(0), budget.measured(), budget.unmeasured(), option, option),
       ""});
  return ended;
}

void StageRunner::skip(const std::string& name) {
  StageRecord record;
  record.name = name;
  record.outcome = StageOutcome::Skipped;
  records_.push_back(record);
}

}  // namespace pgadvisor
