#include "cli/completion_command.hpp"

#include <fmt/format.h>

#include <set>

namespace pgadvisor {
namespace {

const std::set<std::string> kPathOptions = {"--log", "--workload", "--baseline", "--history", "--output", "-o", "--config"};

// "TEXT:{text,json}" → "text json"; "" when the option takes no fixed set of values.
std::string choices_of(const CLI::Option& option) {
  std::string type = option.get_type_name();
  size_t open = type.find('{'), close = type.find('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return "";
  std::string words = type.substr(open + 1, close - open - 1);
  for (char& c : words)
    if (c == ',') c = ' ';
  return words;
}

std::string option_words(const CLI::App& command) {
  std::string words;
  for (const CLI::Option* option : command.get_options()) {
    for (const auto& name : option->get_lnames()) words += (words.empty() ? "--" : " --") + name;
  }
  return words;
}

}  // namespace

CLI::App* setup_completion_command(CLI::App& app, CompletionCommandOptions& options) {
  CLI::App* command = app.add_subcommand("completion", "Print a shell completion script: source <(pgadvisor completion bash)");
  command->add_option("shell", options.shell, "the shell (bash)")->check(CLI::IsMember({"bash"}))->capture_default_str();
  return command;
}

std::string bash_completion_script(const CLI::App& app) {
  std::string subcommands, options_case, values_case;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    subcommands += (subcommands.empty() ? "" : " ") + command->get_name();
    options_case += fmt::format("    {}) words=\"{}\" ;;\n", command->get_name(), option_words(*command));
    for (const CLI::Option* option : command->get_options()) {  // each subcommand's own values
      std::string choices = choices_of(*option);
      if (choices.empty()) continue;
      for (const auto& name : option->get_lnames())
        values_case += fmt::format("    \"{} --{}\") COMPREPLY=($(compgen -W \"{}\" -- \"$cur\")); return ;;\n",
                                   command->get_name(), name, choices);
    }
  }
  std::string paths;
  for (const auto& option : kPathOptions) paths += (paths.empty() ? "" : "|") + option;
  return fmt::format(
      "# bash completion for pgadvisor (pgadvisor completion bash)\n"
      "_pgadvisor() {{\n"
      "  local cur=\"${{COMP_WORDS[COMP_CWORD]}}\" prev=\"${{COMP_WORDS[COMP_CWORD-1]}}\" words\n"
      "  if [[ $COMP_CWORD -eq 1 ]]; then\n"
      "    COMPREPLY=($(compgen -W \"{} --help --version\" -- \"$cur\")); return\n"
      "  fi\n"
      "  case \"$prev\" in\n"
      "    {}) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
      "  esac\n"
      "  case \"${{COMP_WORDS[1]}} $prev\" in\n"
      "{}"
      "  esac\n"
      "  case \"${{COMP_WORDS[1]}}\" in\n"
      "{}"
      "    *) words=\"\" ;;\n"
      "  esac\n"
      "  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
      "}}\n"
      "complete -o default -F _pgadvisor pgadvisor\n",
      subcommands, paths, values_case, options_case);
}

}  // namespace pgadvisor
