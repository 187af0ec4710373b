// The replay stage of a whole workload: each template's chosen samples (slowest, first, first k
// or all kept calls) replayed over parallel connections, assembled with the server's settings
// into a ReplayedWorkload whose diagnostics hold every refusal and failure with its reason.
// Templates come slowest total time first. Failing to connect throws FatalError(Connection).
#pragma once

#include <atomic>

#include "plans/pg/replay_runner.hpp"
#include "plans/workload/replayed_workload.hpp"

namespace pgadvisor {

ReplayedWorkload replay_workload(const Workload& workload, const std::string& dsn, const ReplaySettings& settings,
                                 const std::atomic<bool>& stop, const ReplayProgress& progress = {});

// How many first calls per template the workload must keep for `choice`.
size_t calls_to_keep(const SampleChoice& choice);

}  // namespace pgadvisor
