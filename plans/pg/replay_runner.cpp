#include "plans/pg/replay_runner.hpp"

#include <fmt/format.h>

#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "plans/fatal_error.hpp"

namespace pgadvisor {
namespace {

constexpr auto kStopPoll = std::chrono::milliseconds(20);

ReplayResult interrupted_result(bool started) {
  ReplayResult result;
  result.status = ReplayStatus::Failed;
  result.reason = started ? "interrupted (Ctrl-C) while it ran: canceled" : "interrupted (Ctrl-C) before its turn: not replayed";
  return result;
}

class Runner {
 public:
  Runner(const std::vector<ReplayJob>& jobs, const ReplayRunnerOptions& options, const std::atomic<bool>& stop,
         const ReplayProgress& progress)
      : jobs_(jobs), options_(options), stop_(stop), progress_(progress) {
    outcome_.results.resize(jobs.size());
    done_flags_.assign(jobs.size(), false);
    size_t count = std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(std::max(options.connections, 1)), jobs.size()));
    for (size_t i = 0; i < count; ++i) sessions_.push_back(std::make_unique<Session>(options.dsn, options.session));
  }

  ReplayRunOutcome run() {
    std::vector<std::thread> workers;
    for (size_t slot = 0; slot < sessions_.size(); ++slot) workers.emplace_back([this, slot] { work(slot); });
    while (finished_workers_ < workers.size()) {
      if (stop_) cancel_all();
      std::this_thread::sleep_for(kStopPoll);
    }
    for (auto& worker : workers) worker.join();
    if (bug_) std::rethrow_exception(bug_);  // a program error reaches main (exit 4), from any thread
    for (size_t i = 0; i < jobs_.size(); ++i) {
      if (done_flags_[i]) continue;
      if (stop_) {
        outcome_.results[i] = interrupted_result(false);
        outcome_.interrupted = true;
      } else {
        outcome_.results[i].status = ReplayStatus::Failed;
        outcome_.results[i].reason = "not replayed: the connections were lost and could not be opened again";
        outcome_.results[i].connection_lost = true;
        outcome_.server_lost = true;
      }
    }
    return std::move(outcome_);
  }

 private:
  void cancel_all() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& session : sessions_)
      if (session) session->cancel();
  }

  // Opens the slot's connection again; false when it cannot be opened.
  bool reconnect(size_t slot) {
    for (int attempt = 0; attempt < 5 && !stop_; ++attempt) {
      try {
        auto fresh = std::make_unique<Session>(options_.dsn, options_.session);
        std::unique_ptr<Session> old;
        {
          std::lock_guard<std::mutex> lock(mutex_);
          old = std::move(sessions_[slot]);
          sessions_[slot] = std::move(fresh);
        }
        return true;  // `old` closes here, outside the lock: its watchdog may take a moment to stop
      } catch (const FatalError&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
      }
    }
    return false;
  }

  void work(size_t slot) {
    try {
      work_through(slot);
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!bug_) bug_ = std::current_exception();
      next_job_ = jobs_.size();  // the other workers take nothing new
    }
    ++finished_workers_;
  }

  void work_through(size_t slot) {
    for (;;) {
      if (stop_) break;
      const size_t index = next_job_++;
      if (index >= jobs_.size()) break;
      const ReplayJob& job = jobs_[index];
      ReplayResult result;
      for (int attempt = 0;; ++attempt) {
        result = replay_statement(*sessions_[slot], *job.statement, *job.statement_class, options_.policy);
        // A statement the deadline had to stop would only hang again: never run twice.
        if (!result.connection_lost || result.timed_out || stop_ || attempt >= options_.reconnect_attempts) break;
        if (!reconnect(slot)) break;
        note({job.statement->source, job.statement->line,
              "the connection was lost while replaying this statement; reconnected and replayed it again",
              job.statement->sql});
      }
      // The deadline ended the connection: plan it with a plain EXPLAIN on a fresh one.
      if (result.status == ReplayStatus::Failed && result.timed_out && result.analyze_started && !stop_ &&
          !sessions_[slot]->is_open() && reconnect(slot)) {
        result.connection_lost = false;
        explain_instead(*sessions_[slot], *job.statement, result);
      }
      if (stop_ && result.status == ReplayStatus::Failed) result = interrupted_result(true);
      const bool lost = result.connection_lost;
      finish(index, std::move(result));
      // this worker stops; the server counts as lost only if no other worker measures the rest
      if (lost && !sessions_[slot]->is_open() && !reconnect(slot)) break;
    }
  }

  void note(Diagnostic diagnostic) {
    std::lock_guard<std::mutex> lock(mutex_);
    outcome_.notes.push_back(std::move(diagnostic));
  }

  void finish(size_t index, ReplayResult&& result) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stop_ && result.status == ReplayStatus::Failed) outcome_.interrupted = true;
    // a result the stop or a lost server cut short is measured again by --resume
    else if (options_.on_result && !result.connection_lost) options_.on_result(index, result);
    outcome_.results[index] = std::move(result);
    done_flags_[index] = true;
    ++done_;
    if (progress_) progress_(done_, jobs_.size());
  }

  const std::vector<ReplayJob>& jobs_;
  const ReplayRunnerOptions& options_;
  const std::atomic<bool>& stop_;
  const ReplayProgress& progress_;
  std::vector<std::unique_ptr<Session>> sessions_;
  std::mutex mutex_;  // sessions_ (replaced on reconnect), outcome_, done_flags_, progress
  std::atomic<size_t> next_job_{0};
  std::atomic<size_t> finished_workers_{0};
  size_t done_ = 0;
  std::vector<bool> done_flags_;
  ReplayRunOutcome outcome_;
  std::exception_ptr bug_;  // the first exception a worker did not expect
};

}  // namespace

ReplayRunOutcome run_replay(const std::vector<ReplayJob>& jobs, const ReplayRunnerOptions& options,
                            const std::atomic<bool>& stop, const ReplayProgress& progress) {
  if (jobs.empty()) return {};
  Runner runner(jobs, options, stop, progress);
  return runner.run();
}

}  // namespace pgadvisor
