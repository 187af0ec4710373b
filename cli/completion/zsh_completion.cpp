// The zsh script: a #compdef function that offers the subcommands with their help, then hands
// each subcommand's words to _arguments with one spec per option (help, values, file names).
#include <fmt/format.h>

#include "cli/completion/completion_model.hpp"

namespace pgadvisor {
namespace {

// Text inside an _arguments spec's [help] or a _describe entry: brackets and colons escaped,
// then the whole spec single-quoted (a ' closes, is escaped and reopens).
std::string spec_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string single_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string value_action(const CompletionOption& option) {
  if (!option.takes_value) return "";
  if (!option.choices.empty()) {
    std::string words;
    for (const auto& choice : option.choices) words += (words.empty() ? "" : " ") + choice;
    return ":value:(" + words + ")";
  }
  return option.takes_path ? ":file:_files" : ":value: ";
}

// One spec per name ("--format[report format]:value:(text json)"); -o and --output exclude
// each other unless the option may be repeated.
std::string option_specs(const CompletionOption& option) {
  std::vector<std::string> names;
  for (const auto& name : option.short_names) names.push_back("-" + name);
  for (const auto& name : option.long_names) names.push_back("--" + name);
  std::string exclusive;
  if (names.size() > 1 && !option.repeatable) {
    for (const auto& name : names) exclusive += (exclusive.empty() ? "(" : " ") + name;
    exclusive += ")";
  }
  std::string specs;
  for (const auto& name : names)
    specs += "      " + single_quoted(exclusive + (option.repeatable ? "*" : "") + name + "[" + spec_text(option.help) + "]" +
                                      value_action(option)) + " \\\n";
  return specs;
}

}  // namespace

std::string zsh_completion_script(const std::vector<CompletionCommand>& commands) {
  std::string described, cases;
  for (const auto& command : commands) {
    described += "    " + single_quoted(command.name + ":" + command.help) + "\n";  // after the first colon, as it is
    std::string specs;
    for (const auto& option : command.options) specs += option_specs(option);
    if (!command.positional_choices.empty()) {
      std::string words;
      for (const auto& choice : command.positional_choices) words += (words.empty() ? "" : " ") + choice;
      specs += "      " + single_quoted("1:value:(" + words + ")") + " \\\n";
    } else if (command.positional_path) {
      specs += "      '1:file:_files' \\\n";
    }
    cases += fmt::format("    {})\n      _arguments -s \\\n{}      && return 0 ;;\n", command.name, specs);
  }
  return fmt::format(
      "#compdef pgadvisor\n"
      "# zsh completion for pgadvisor: pgadvisor completion zsh > \"${{fpath[1]}}/_pgadvisor\", or\n"
      "# source <(pgadvisor completion zsh) after compinit\n"
      "_pgadvisor() {{\n"
      "  local -a subcommands\n"
      "  subcommands=(\n{}  )\n"
      "  if (( CURRENT == 2 )); then\n"
      "    _describe -t commands 'pgadvisor command' subcommands\n"
      "    return\n"
      "  fi\n"
      "  local command=$words[2]\n"
      "  shift words\n"
      "  (( CURRENT-- ))\n"
      "  case $command in\n"
      "{}"
      "  esac\n"
      "  return 1\n"
      "}}\n"
      "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n"
      "  _pgadvisor \"$@\"\n"
      "else\n"
      "  compdef _pgadvisor pgadvisor\n"
      "fi\n",
      described, cases);
}

}  // namespace pgadvisor
