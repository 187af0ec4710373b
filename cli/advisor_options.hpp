// The index advisor's command-line options, shared by `audit`: the size budget, index count,
// thresholds, the write-cost assumption, the exact comparison and --verify.
#pragma once

#include <CLI/CLI.hpp>

#include "advisor/selection/index_advisor.hpp"

namespace pgadvisor {

struct AdvisorCommandOptions {
  AdvisorOptions advisor;
  std::string budget = "0";  // a size parse_byte_size reads; 0: no budget

  AdvisorOptions settings() const;
};

void add_advisor_options(CLI::App* command, AdvisorCommandOptions& options);

}  // namespace pgadvisor
