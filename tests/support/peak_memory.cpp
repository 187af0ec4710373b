#include "tests/support/peak_memory.hpp"

#include <malloc.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

namespace pgadvisor::testing {
namespace {

// A "VmRSS:" or "VmHWM:" line of /proc/self/status, in KiB.
long long status_kib(const std::string& field) {
  std::ifstream status("/proc/self/status");
  REQUIRE(status);
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stoll(line.substr(field.size() + 1));
  }
  FAIL("no " << field << " in /proc/self/status");
  return 0;
}

bool reset_peak() {
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5";
  clear_refs.flush();
  return static_cast<bool>(clear_refs);
}

}  // namespace

PeakMemory::PeakMemory() {
  // Memory an earlier test freed but malloc kept would be reused without the resident size
  // growing: given back first, so that growth counts what is allocated now.
  malloc_trim(0);
  if (reset_peak()) {
    start_kib_ = status_kib("VmRSS");
  } else {
    WARN("cannot reset the peak resident memory: the growth measured may read low");
    start_kib_ = status_kib("VmHWM");
  }
}

double PeakMemory::growth_mib() const {
  return static_cast<double>(status_kib("VmHWM") - start_kib_) / 1024.0;
}

}  // namespace pgadvisor::testing
