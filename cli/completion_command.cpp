#include "cli/completion_command.hpp"

#include "cli/completion/completion_model.hpp"

namespace pgadvisor {

CLI::App* setup_completion_command(CLI::App& app, CompletionCommandOptions& options) {
  CLI::App* command = app.add_subcommand(
      "completion", "Print a shell completion script: source <(pgadvisor completion bash), zsh or fish");
  command->add_option("shell", options.shell, "the shell: bash, zsh or fish")
      ->check(CLI::IsMember({"bash", "zsh", "fish"}))
      ->capture_default_str();
  return command;
}

std::string completion_script(const CLI::App& app, const std::string& shell) {
  std::vector<CompletionCommand> commands = completion_model(app);
  if (shell == "zsh") return zsh_completion_script(commands);
  if (shell == "fish") return fish_completion_script(commands);
  return bash_completion_script(commands);
}

}  // namespace pgadvisor
