// The options that bound the audit stages re-running the user's queries (rewrites, verify,
// finding-savings): --stage-budget STAGE=DURATION (repeatable; DURATION `none` for no bound) and
// --skip-stage STAGE (repeatable), in the [measurement] section of pgadvisor.toml.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "advisor/stage_budgets.hpp"

namespace pgadvisor {

struct StageBudgetCommandOptions {
  std::vector<std::string> budgets;  // STAGE=DURATION
  std::vector<std::string> skipped;  // STAGE

  // Throws FatalError(Usage) for an unknown stage or a bad duration.
  StageBudgets settings() const;
};

void add_stage_budget_options(CLI::App* command, StageBudgetCommandOptions& options);

}  // namespace pgadvisor
