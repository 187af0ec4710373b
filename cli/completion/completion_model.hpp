// The command line as the completion scripts see it, read from the CLI11 definition (CLI11 has
// no generator): each subcommand with its options — names, help on one line, whether it takes
// a value, a fixed set of values, a path — so bash, zsh and fish complete the same words.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace pgadvisor {

struct CompletionOption {
  std::vector<std::string> long_names;   // without "--"
  std::vector<std::string> short_names;  // without "-"
  std::string help;                      // its description on one line
  std::vector<std::string> choices;      // a fixed set of values; empty when any value goes
  bool takes_value = false;
  bool takes_path = false;  // complete file names after it
  bool repeatable = false;
};

struct CompletionCommand {
  std::string name;
  std::string help;  // its description on one line
  std::vector<CompletionOption> options;
  std::vector<std::string> positional_choices;  // `completion SHELL`: the shells
  bool positional_path = false;                 // `report REPORT.json`
};

std::vector<CompletionCommand> completion_model(const CLI::App& app);

// The three scripts over the same model.
std::string bash_completion_script(const std::vector<CompletionCommand>& commands);
std::string zsh_completion_script(const std::vector<CompletionCommand>& commands);
std::string fish_completion_script(const std::vector<CompletionCommand>& commands);

}  // namespace pgadvisor
