#include "cli/stage_budget_options.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "cli/replay_options.hpp"
#include "plans/fatal_error.hpp"

namespace pgadvisor {
namespace {

std::string known_stages() { return fmt::format("{}", fmt::join(measured_stage_options(), ", ")); }

bool is_stage(const std::string& name) {
  for (const auto& stage : measured_stages())
    if (stage.option == name) return true;
  return false;
}

// "verify=10min" → {"verify", 600}; "verify=none" → {"verify", nullopt}. Throws
// std::invalid_argument saying what is wrong with `text`.
std::pair<std::string, std::optional<double>> parse_budget(const std::string& text) {
  const size_t equals = text.find('=');
  const std::string stage = text.substr(0, equals);
  if (equals == std::string::npos || !is_stage(stage))
    throw std::invalid_argument(fmt::format("{}: give STAGE=DURATION, STAGE one of {} (e.g. finding-savings=30s, "
                                            "verify=none)",
                                            text, known_stages()));
  const std::string value = text.substr(equals + 1);
  if (value == "none") return {stage, std::nullopt};
  try {
    return {stage, parse_duration_ms(value, "") / 1000.0};
  } catch (const FatalError&) {
    throw std::invalid_argument(
        fmt::format("{}: {} is not a duration: give a number and its unit, e.g. 30s, 2min, or none", text, value));
  }
}

CLI::Validator budget_check() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        try {
          parse_budget(text);
          return "";
        } catch (const std::invalid_argument& error) {
          return error.what();
        }
      },
      "STAGE=DURATION");
}

}  // namespace

StageBudgets StageBudgetCommandOptions::settings() const {
  StageBudgets out;
  for (const auto& text : budgets) {
    try {
      auto [stage, seconds] = parse_budget(text);
      out.seconds[stage] = seconds;
    } catch (const std::invalid_argument& error) {
      throw FatalError(FatalKind::Usage, std::string("--stage-budget ") + error.what());
    }
  }
  for (const auto& stage : skipped) {
    if (!is_stage(stage))
      throw FatalError(FatalKind::Usage, fmt::format("--skip-stage {}: not a stage it can skip ({})", stage, known_stages()));
    out.skipped.insert(stage);
  }
  return out;
}

void add_stage_budget_options(CLI::App* command, StageBudgetCommandOptions& options) {
  command->option_defaults()->group("Measurement");
  std::string defaults;
  for (const auto& stage : measured_stages())
    defaults += fmt::format("{}{}={:g}s", defaults.empty() ? "" : ", ", stage.option, stage.default_seconds);
  command->add_option("--stage-budget", options.budgets,
                      "time budget of a stage that re-runs the queries, STAGE=DURATION (repeatable; none: no bound);\n"
                      "once spent it starts no new measurement and reports the rest as not measured (defaults: " +
                          defaults + ")")
      ->check(budget_check());
  command->add_option("--skip-stage", options.skipped,
                      "leave out a stage that re-runs the queries (repeatable): " + known_stages())
      ->check(CLI::IsMember(measured_stage_options()));
}

}  // namespace pgadvisor
