#include "tests/support/fixture_log.hpp"

#include <catch2/catch.hpp>

#include "advisor/pipeline.hpp"
#include "tests/support/test_database.hpp"

namespace pgadvisor::testing {

Workload fixture_workload(const std::string& relative_path) {
  return read_workload({fixture_path(relative_path)}, LogFormat::Auto);
}

const QueryTemplate& template_containing(const Workload& workload, const std::string& fragment) {
  for (const auto& tmpl : workload.templates())
    if (tmpl.sample.sql.find(fragment) != std::string::npos) return tmpl;
  FAIL("no template contains: " << fragment);
  throw std::logic_error("unreachable");
}

}  // namespace pgadvisor::testing
