// `pgadvisor completion bash`: a bash completion script made from the command line's own
// definition (CLI11 has no generator): subcommands, each one's long options, the values of
// options that take one of a fixed set, and file names after options that take a path.
// `source <(pgadvisor completion bash)`, or save it under /etc/bash_completion.d/.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace pgadvisor {

struct CompletionCommandOptions {
  std::string shell = "bash";
};

CLI::App* setup_completion_command(CLI::App& app, CompletionCommandOptions& options);

// The script for `app`'s subcommands (all but the completion command itself).
std::string bash_completion_script(const CLI::App& app);

}  // namespace pgadvisor
