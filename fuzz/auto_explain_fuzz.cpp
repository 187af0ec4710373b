// libFuzzer target: the auto_explain message parser on arbitrary text. It reports what it cannot
// read in its result and never throws, so an exception, a crash or a sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "plans/log/auto_explain.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string message(reinterpret_cast<const char*>(data), size);
  (void)pgadvisor::parse_auto_explain(message);
  (void)pgadvisor::parse_auto_explain("duration: 1.000 ms  plan:\n" + message);
  return 0;
}
