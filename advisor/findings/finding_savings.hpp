// Finding savings: the time a plan smell's fix would save over the log, filled in after the
// index advice. Where the fix can be tried without changing anything it is measured: a sort or
// hash that spilled is run again with the finding's work_mem, SET LOCAL in a rolled-back READ
// ONLY transaction, and the saving is calls × (median before − median after). Where the
// proposed indexes serve the template (a filter discarding most rows, a large sequential scan,
// a nested loop), the saving is the what-if saving of those indexes on it. Every other finding
// without a saving says why in evidence.saving_basis; none is guessed.
#pragma once

#include <atomic>
#include <string>

#include "advisor/model/advice.hpp"
#include "plans/pg/session.hpp"

namespace pgadvisor {

struct FindingSavingOptions {
  int runs = 3;          // EXPLAIN ANALYZE runs each way; the median is kept
  bool measure = true;   // false: no statement is run (the work_mem findings keep saving 0)
  std::string not_measured_reason;  // with measure false: why, for saving_basis
  // A finding that needs more work_mem than this is not tried: each sort or hash of each worker
  // may take that much on the user's server. Its saving_basis says what it would need.
  long long max_work_mem_mb = 256;
  const std::atomic<bool>* stop = nullptr;  // Ctrl-C: measure nothing more
};

// advice.findings with saving_ms and evidence.saving_basis set, sorted again by severity and
// saving. A statement that fails to measure leaves its finding at 0 with the error in its
// saving_basis.
std::vector<Finding> estimate_finding_savings(Session& session, const FindingSavingOptions& options, const Advice& advice);

}  // namespace pgadvisor
