// SessionLog: the order in which each session (backend pid, session id; "" for a log without
// one, such as Django's: one process) ran which template, for the detectors that look at
// sequences (advisor/session_findings: N+1, duplicates, writes in a loop, count then fetch).
// One small fixed-size event per statement, in log order; session ids are interned. Bounded:
// beyond max_events() nothing more is recorded and truncated() says so (the workload adds a
// diagnostic), so memory stays within max_events() × sizeof(SessionEvent) (40 bytes: 80 MB for
// the default 2,000,000).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "plans/statement.hpp"

namespace pgadvisor {

struct SessionEvent {
  uint32_t session = 0;         // SessionLog::session_name(session)
  uint32_t template_index = 0;  // in Workload::templates()
  double at_seconds = 0;        // the parsed timestamp (seconds since the epoch, zone ignored),
                                // or the statement's ordinal in the log when it has none
  double duration_ms = -1;      // as logged; negative when the log has none
  uint64_t params_hash = 0;     // of the SQL text and the bind parameters: equal for the same
                                // statement with the same parameters (or inlined constants)
  int line = 0;                 // where the statement starts in its log
};

// "2024-06-30 12:00:00.123 UTC", "2024-06-30T12:00:00", "2024-06-30 12:00:00+02" (the zone is
// ignored: one log has one) or an epoch "1719748800.123" (%n) as seconds since the epoch;
// nullopt for anything else.
std::optional<double> parse_log_timestamp(std::string_view text);

// Equal for the same SQL text with the same parameters.
uint64_t statement_params_hash(const Statement& statement);

// The events in log order, in fixed-size chunks: growing never copies what is held, so memory
// is the events' own (no doubling of a vector's capacity on a large log).
class SessionEvents {
 public:
  static constexpr size_t kChunkBits = 16;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const SessionEvent& operator[](size_t i) const { return chunks_[i >> kChunkBits][i & kChunkMask]; }
  void push_back(const SessionEvent& event);

 private:
  static constexpr size_t kChunkMask = (size_t{1} << kChunkBits) - 1;
  std::vector<std::vector<SessionEvent>> chunks_;
  size_t size_ = 0;
};

class SessionLog {
 public:
  static constexpr size_t kDefaultMaxEvents = 2000000;

  explicit SessionLog(size_t max_events = kDefaultMaxEvents) : max_events_(max_events) {}

  // Records one execution of template `template_index`; false (and nothing recorded) once
  // max_events() events are held.
  bool append(const Statement& statement, uint32_t template_index);
  // The same with the statement's params_hash (statement_params_hash) already taken.
  bool append(const Statement& statement, uint32_t template_index, uint64_t params_hash);
  uint32_t intern(const std::string& session);

  const SessionEvents& events() const { return events_; }
  size_t session_count() const { return names_.size(); }
  const std::string& session_name(uint32_t session) const { return names_.at(session); }
  // True when every event's at_seconds is a logged timestamp (not an ordinal).
  bool timed() const { return !events_.empty() && untimed_ == 0; }
  bool truncated() const { return dropped_ > 0; }
  long long dropped() const { return dropped_; }  // statements not recorded
  size_t max_events() const { return max_events_; }

 private:
  size_t max_events_;
  SessionEvents events_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint32_t> ids_;
  long long dropped_ = 0;
  size_t untimed_ = 0;
  uint32_t last_session_ = 0;  // the previous statement's, to skip the map lookup on a run
  bool has_last_ = false;
};

}  // namespace pgadvisor
