// PeakMemory: how much the peak resident memory of the test process grows while it runs
// something, to state a bound on memory (never on time). On Linux the peak (VmHWM) is reset
// through /proc/self/clear_refs, so that an earlier test's peak cannot hide this one's, and the
// memory malloc keeps free is given back first (malloc_trim), so that reusing it counts; where
// the reset is refused, growth counts from the peak so far and the test WARNs that it may read
// low.
#pragma once

namespace pgadvisor::testing {

class PeakMemory {
 public:
  PeakMemory();  // starts measuring

  // Peak resident memory since the start, less the resident memory at the start, in MiB.
  double growth_mib() const;

 private:
  long long start_kib_ = 0;
};

}  // namespace pgadvisor::testing
