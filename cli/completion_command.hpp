// `pgadvisor completion bash|zsh|fish`: a completion script made from the command line's own
// definition (cli/completion/): subcommands, each one's options with their help, the values of
// options that take one of a fixed set, and file names after options that take a path.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace pgadvisor {

struct CompletionCommandOptions {
  std::string shell = "bash";
};

CLI::App* setup_completion_command(CLI::App& app, CompletionCommandOptions& options);

// The script for `shell` (bash, zsh or fish) over `app`'s subcommands.
std::string completion_script(const CLI::App& app, const std::string& shell);

}  // namespace pgadvisor
