// The bash script: subcommands at the first word, a subcommand's long options, an option's
// fixed values, file names after options that take a path.
#include <fmt/format.h>

#include "cli/completion/completion_model.hpp"

namespace pgadvisor {
namespace {

std::string joined(const std::vector<std::string>& words, const std::string& prefix = "") {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + prefix + word;
  return out;
}

}  // namespace

std::string bash_completion_script(const std::vector<CompletionCommand>& commands) {
  std::string subcommands, options_case, values_case, paths;
  for (const auto& command : commands) {
    subcommands += (subcommands.empty() ? "" : " ") + command.name;
    std::vector<std::string> words;
    for (const auto& option : command.options) {
      words.insert(words.end(), option.long_names.begin(), option.long_names.end());
      for (const auto& name : option.long_names) {
        if (!option.choices.empty())
          values_case += fmt::format("    \"{} --{}\") COMPREPLY=($(compgen -W \"{}\" -- \"$cur\")); return ;;\n",
                                     command.name, name, joined(option.choices));
        if (option.takes_path) paths += fmt::format("{}\"{} --{}\"", paths.empty() ? "" : "|", command.name, name);
      }
      for (const auto& name : option.short_names)
        if (option.takes_path) paths += fmt::format("{}\"{} -{}\"", paths.empty() ? "" : "|", command.name, name);
    }
    if (!command.positional_choices.empty())
      values_case += fmt::format("    \"{} {}\") COMPREPLY=($(compgen -W \"{}\" -- \"$cur\")); return ;;\n", command.name,
                                 command.name, joined(command.positional_choices));
    options_case += fmt::format("    {}) words=\"{}\" ;;\n", command.name, joined(words, "--"));
  }
  return fmt::format(
      "# bash completion for pgadvisor: source <(pgadvisor completion bash)\n"
      "_pgadvisor() {{\n"
      "  local cur=\"${{COMP_WORDS[COMP_CWORD]}}\" prev=\"${{COMP_WORDS[COMP_CWORD-1]}}\" words\n"
      "  if [[ $COMP_CWORD -eq 1 ]]; then\n"
      "    COMPREPLY=($(compgen -W \"{} --help --version\" -- \"$cur\")); return\n"
      "  fi\n"
      "  case \"${{COMP_WORDS[1]}} $prev\" in\n"
      "    {}) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
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
