// The fish script: `complete` lines, the subcommands while none is given, then each
// subcommand's options (long and short names, help, fixed values or file names).
#include <fmt/format.h>

#include "cli/completion/completion_model.hpp"

namespace pgadvisor {
namespace {

std::string fish_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

}  // namespace

std::string fish_completion_script(const std::vector<CompletionCommand>& commands) {
  std::string out =
      "# fish completion for pgadvisor: pgadvisor completion fish > ~/.config/fish/completions/pgadvisor.fish\n"
      "complete -c pgadvisor -f\n";
  std::vector<std::string> names;
  for (const auto& command : commands) names.push_back(command.name);
  for (const auto& command : commands)
    out += fmt::format("complete -c pgadvisor -n {} -a {} -d {}\n", fish_quoted("not __fish_seen_subcommand_from " + joined(names)),
                       command.name, fish_quoted(command.help));
  for (const auto& command : commands) {
    const std::string when = fish_quoted("__fish_seen_subcommand_from " + command.name);
    for (const auto& option : command.options) {
      std::string line = "complete -c pgadvisor -n " + when;
      for (const auto& name : option.long_names) line += " -l " + name;
      for (const auto& name : option.short_names) line += " -s " + name;
      if (!option.choices.empty()) line += " -x -k -a " + fish_quoted(joined(option.choices));
      else if (option.takes_path) line += " -r -F";
      else if (option.takes_value) line += " -x";
      out += line + " -d " + fish_quoted(option.help) + "\n";
    }
    if (!command.positional_choices.empty())
      out += "complete -c pgadvisor -n " + when + " -k -a " + fish_quoted(joined(command.positional_choices)) + "\n";
    else if (command.positional_path)
      out += "complete -c pgadvisor -n " + when + " -F\n";
  }
  return out;
}

}  // namespace pgadvisor
