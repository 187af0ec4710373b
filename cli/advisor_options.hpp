// The index advisor's command-line options, shared by `audit`: the size budget, index count,
// thresholds, the write-cost assumption, the exact comparison and --verify.
#pragma once

#include <CLI/CLI.hpp>

#include "advisor/selection/index_advisor.hpp"

namespace pgadvisor {

struct AdvisorCommandOptions {
  AdvisorOptions advisor;
  std::string budget = "0";  // a size parse_byte_size reads; 0: no budget
  std::string weigh_by = "time";  // --weigh-by: time or cost
  const CLI::Option* max_indexes_option = nullptr;  // to tell a given --max-indexes from its default
  static constexpr size_t kNoIndexLimit = 10000;

  AdvisorOptions settings() const;
};

void add_advisor_options(CLI::App* command, AdvisorCommandOptions& options);

}  // namespace pgadvisor
