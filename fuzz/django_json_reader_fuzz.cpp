// libFuzzer target: the Django connection.queries JSON reader on arbitrary bytes. The reader
// promises never to throw on bad input, so an exception, like any crash or sanitizer report, is a
// finding.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "plans/log/django_json_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  const pgadvisor::LogSink discard{[](pgadvisor::Statement&&) {},
                                   [](pgadvisor::Diagnostic&&) {}};
  pgadvisor::read_django_json(in, "fuzz", discard);
  return 0;
}
