// libFuzzer target: the plain SQL file reader on arbitrary bytes. The reader promises never to
// throw on bad input, so an exception, like any crash or sanitizer report, is a finding.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "plans/log/sql_file_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  const pgadvisor::LogSink discard{[](pgadvisor::Statement&&) {},
                                   [](pgadvisor::Diagnostic&&) {}};
  pgadvisor::read_sql_file(in, "fuzz", discard);
  return 0;
}
