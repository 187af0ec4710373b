#include "plans/pg/session_watchdog.hpp"

#include <fmt/format.h>

namespace pgadvisor {

SessionWatchdog::SessionWatchdog(std::chrono::milliseconds deadline, std::chrono::milliseconds grace,
                                 WatchdogActions actions)
    : deadline_(deadline), grace_(grace), actions_(std::move(actions)) {
  if (deadline_.count() > 0) thread_ = std::thread([this] { watch(); });
}

SessionWatchdog::~SessionWatchdog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SessionWatchdog::begin() {
  std::lock_guard<std::mutex> lock(mutex_);
  busy_ = true;
  stage_ = 0;
  began_ = std::chrono::steady_clock::now();
}

void SessionWatchdog::end() {
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait(lock, [this] { return !acting_; });
  busy_ = false;
}

std::string SessionWatchdog::last_action() {
  std::lock_guard<std::mutex> lock(mutex_);
  return action_;
}

void SessionWatchdog::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  action_.clear();
}

void SessionWatchdog::watch() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(20));
    if (stopping_ || !busy_) continue;
    const auto elapsed = std::chrono::steady_clock::now() - began_;
    if (stage_ >= 3 || elapsed < deadline_ + grace_ * stage_) continue;
    const int stage = ++stage_;
    const double seconds = std::chrono::duration<double>(elapsed).count();
    // Said before it is done: the waiting call may return (and read it) the moment it is.
    if (stage == 1)
      action_ = fmt::format("did not return {:.1f} s after it began (statement_timeout plus {:.1f} s of grace): canceled",
                            seconds, std::chrono::duration<double>(grace_).count());
    else
      action_ += stage == 2 ? ", its backend terminated" : ", the connection abandoned";
    acting_ = true;  // end() waits for it: the action never lands on the next call
    lock.unlock();   // the actions talk to the server: never under the lock
    bool done = true;
    if (stage == 1) actions_.cancel();
    else if (stage == 2) done = actions_.terminate();
    else actions_.abandon();
    lock.lock();
    acting_ = false;
    wake_.notify_all();
    if (!done) action_ += " (the request to terminate it failed)";
  }
}

}  // namespace pgadvisor
