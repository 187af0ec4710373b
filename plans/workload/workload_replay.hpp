// The replay stage of a whole workload: each template's chosen samples (slowest, first, first k
// or all kept calls) replayed over parallel connections, assembled with the server's settings
// into a ReplayedWorkload whose diagnostics hold every refusal and failure with its reason.
// Templates come slowest total time in the log first; when the log timed none (plain SQL), by
// replayed time (median, or the timeout's lower bound) × calls. Failing to connect throws
// FatalError(Connection).
// With a ReplayMemory, samples it recalls are not replayed again and each sample measured is
// handed to it as soon as it is (the resume journal).
#pragma once

#include <atomic>
#include <functional>
#include <optional>

#include "plans/pg/replay_runner.hpp"
#include "plans/workload/replayed_workload.hpp"

namespace pgadvisor {

// A sample is known by its template's fingerprint and its place among the template's samples.
struct ReplayMemory {
  std::function<std::optional<ReplayResult>(const std::string& key, const Statement& statement)> recall;
  std::function<void(const std::string& key, const Statement& statement, const ReplayResult& result)> record;
};

ReplayedWorkload replay_workload(const Workload& workload, const std::string& dsn, const ReplaySettings& settings,
                                 const std::atomic<bool>& stop, const ReplayProgress& progress = {},
                                 const ReplayMemory* memory = nullptr);

// Orders `templates` by replayed time × calls when none has a logged time; otherwise leaves them.
void order_by_replayed_time_when_untimed(std::vector<ReplayedTemplate>& templates);

// How many first calls per template the workload must keep for `choice`.
size_t calls_to_keep(const SampleChoice& choice);

}  // namespace pgadvisor
