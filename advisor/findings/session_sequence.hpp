// The shared machinery of the session detectors (advisor/session_findings*): the events of a
// workload's SessionLog grouped by session in time order and split into request bursts at idle
// gaps, the "loops" of one template in a burst (runs close together: at most max_gap_events other statements between two runs and,
// when the log has timestamps, at most window_seconds between them), and the guesses of Django
// names from table names. Internal to the advisor.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "advisor/model/finding.hpp"
#include "advisor/findings/session_findings.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor::session_detail {

// What a group of statements stands for (SessionFindingOptions' comment): "burst" (a session
// split at idle gaps), "session" (a whole session), "log" (no session ids, no timestamps).
enum class GroupScope { Burst, Session, Log };
const char* scope_name(GroupScope scope);

// The events grouped by burst: a session's events in time order, cut where two consecutive ones
// are at least burst_gap_seconds apart (timed logs only). A session with no such gap is one
// group, whose burst number is 0; the groups of a split session are numbered 1, 2, ...
struct SessionOrder {
  std::vector<uint32_t> events;      // indices into SessionLog::events(), grouped by burst
  std::vector<size_t> begin;         // burst b holds events[begin[b], begin[b + 1])
  std::vector<uint32_t> session_of;  // burst b → its session (SessionLog::session_name)
  std::vector<uint32_t> burst_of;    // burst b → its number in its session; 0 when not split
  std::vector<GroupScope> scope_of;  // burst b → what it stands for
  bool timed = false;                // at_seconds are timestamps (else: use positions only)

  size_t bursts() const { return session_of.size(); }
};

// burst_gap_seconds <= 0 (or an untimed log): one group per session.
SessionOrder order_by_session(const SessionLog& log, double burst_gap_seconds);

// Consecutive-enough runs of one template in one burst.
struct Loop {
  uint32_t burst = 0;  // in SessionOrder
  uint32_t session = 0;
  uint32_t template_index = 0;
  size_t first = 0, last = 0;  // positions in SessionOrder::events
  long long runs = 0;
  double first_at = 0, last_at = 0;
  double total_ms = 0;         // logged durations (unknown ones count 0)
  size_t distinct_params = 0;  // distinct params_hash among the runs
  long long parent = -1;       // template of the statement before the first run; -1 when none
  int first_line = 0;
};

// The loops of `min_runs` or more runs of the templates `eligible` accepts. A loop's parent is
// the statement just before its first run, skipping the runs of other loops it overlaps (for
// interleaved per-row queries: post.author, post.category, post.author, ...).
std::vector<Loop> find_loops(const Workload& workload, const SessionOrder& order,
                             const std::function<bool(uint32_t)>& eligible, long long min_runs,
                             const SessionFindingOptions& options);

// Sets evidence["scope"] (scope_name) and evidence["burst"] (0 when the session was not split).
void add_scope(const SessionOrder& order, size_t burst, nlohmann::json& evidence);

// A loop's or pattern's evidence window in ms; null when the log has no timestamps.
nlohmann::json window_ms(const SessionOrder& order, double first_at, double last_at);

// High when saving_ms >= 10 or runs >= 20, Medium when saving_ms >= 1 or runs >= 5, else Low.
Severity severity_for(double saving_ms, long long runs);

// "blog_author" → "author" (the app label cut off: a guess of the model's name in lower case);
// a schema is dropped too.
std::string model_name_of(const std::string& table);
// "blog_author" → "Author"; "todos_todoassignee" → "Todoassignee".
std::string model_class_of(const std::string& table);
// "post_id" → "post"; other names unchanged.
std::string field_of_column(const std::string& column);
// ["a", "b"] → "'a', 'b'".
std::string quoted_list(const std::vector<std::string>& names);

}  // namespace pgadvisor::session_detail
