// SessionWatchdog: the client-side deadline of one connection, beyond the server's own
// statement_timeout. A call to the server that has not returned `deadline` after it began is
// canceled (as Ctrl-C would), one grace period later its backend is terminated (from a separate
// connection, its own backend and never another), and one more grace period later the socket is
// shut down so that the waiting call returns at once: a backend that swallows cancellation, is
// frozen, or sits behind a silent network cannot hold pgadvisor forever. A thread per watchdog;
// the actions are the session's.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace pgadvisor {

struct WatchdogActions {
  std::function<void()> cancel;
  std::function<bool()> terminate;  // true when the server took the request
  std::function<void()> abandon;
};

class SessionWatchdog {
 public:
  // A zero deadline never fires.
  SessionWatchdog(std::chrono::milliseconds deadline, std::chrono::milliseconds grace, WatchdogActions actions);
  ~SessionWatchdog();
  SessionWatchdog(const SessionWatchdog&) = delete;
  SessionWatchdog& operator=(const SessionWatchdog&) = delete;

  void begin();  // a call to the server starts: the deadline counts from now
  void end();    // it returned; waits for an action still under way, so none outlives its call

  // What the deadline did to the last call that took too long ("" when it never fired), e.g.
  // "did not return 3.0 s after it began: canceled, its backend terminated, the connection abandoned".
  std::string last_action();
  void clear();

 private:
  void watch();

  const std::chrono::milliseconds deadline_, grace_;
  WatchdogActions actions_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool busy_ = false;
  bool acting_ = false;  // an action for the current call is under way
  std::chrono::steady_clock::time_point began_;
  int stage_ = 0;  // 0 nothing done, 1 canceled, 2 terminated, 3 abandoned
  std::string action_;
  std::thread thread_;
};

}  // namespace pgadvisor
