// The client-side deadline's order of actions, with stand-in actions (pure logic: no server):
// nothing before the deadline, then cancel, terminate, abandon one grace apart, and the action
// described for the caller. Times here only order events; nothing asserts a speed.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "plans/pg/session_watchdog.hpp"

using namespace pgadvisor;
using namespace std::chrono_literals;

TEST_CASE("a call past its deadline is canceled, then terminated, then abandoned", "[deadline]") {
  std::mutex mutex;
  std::vector<std::string> done;
  auto record = [&](const char* what) {
    std::lock_guard<std::mutex> lock(mutex);
    done.push_back(what);
  };
  std::atomic<bool> abandoned{false};
  SessionWatchdog watchdog(100ms, 50ms,
                           {[&] { record("cancel"); }, [&] { record("terminate"); return true; },
                            [&] { record("abandon"); abandoned = true; }});
  watchdog.begin();
  watchdog.end();  // a call that returned in time: nothing happens
  std::this_thread::sleep_for(200ms);
  {
    std::lock_guard<std::mutex> lock(mutex);
    CHECK(done.empty());
  }
  CHECK(watchdog.last_action().empty());

  watchdog.begin();
  for (int i = 0; i < 500 && !abandoned; ++i) std::this_thread::sleep_for(10ms);
  watchdog.end();
  REQUIRE(abandoned);
  std::lock_guard<std::mutex> lock(mutex);
  CHECK(done == std::vector<std::string>{"cancel", "terminate", "abandon"});
  const std::string action = watchdog.last_action();
  CHECK(action.find("did not return") == 0);
  CHECK(action.find("canceled, its backend terminated, the connection abandoned") != std::string::npos);
}

TEST_CASE("a zero deadline never fires", "[deadline]") {
  std::atomic<int> calls{0};
  SessionWatchdog watchdog(0ms, 10ms, {[&] { ++calls; }, [&] { ++calls; return true; }, [&] { ++calls; }});
  watchdog.begin();
  std::this_thread::sleep_for(100ms);
  watchdog.end();
  CHECK(calls == 0);
}
