#include "cli/completion/completion_model.hpp"

#include <set>
#include <sstream>

namespace pgadvisor {
namespace {

const std::set<std::string> kPathOptions = {"log", "workload", "baseline", "output", "config", "journal", "history"};

// The whole description on one line (the shells cut it to the terminal's width).
std::string one_line(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? ' ' : c;
  return out;
}

// "TEXT:{text,json}" -> {text, json}; empty when the option takes no fixed set of values.
std::vector<std::string> choices_of(const CLI::Option& option) {
  std::string type = option.get_type_name();
  size_t open = type.find('{'), close = type.find('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return {};
  std::vector<std::string> choices;
  std::stringstream words(type.substr(open + 1, close - open - 1));
  std::string word;
  while (std::getline(words, word, ',')) choices.push_back(word);
  return choices;
}

CompletionOption option_of(const CLI::Option& option) {
  CompletionOption result;
  result.long_names = option.get_lnames();
  result.short_names = option.get_snames();
  result.help = one_line(option.get_description());
  result.choices = choices_of(option);
  result.takes_value = option.get_type_size_max() > 0;
  for (const auto& name : result.long_names) result.takes_path = result.takes_path || kPathOptions.count(name) > 0;
  result.repeatable = option.get_items_expected_max() > 1;
  return result;
}

}  // namespace

std::vector<CompletionCommand> completion_model(const CLI::App& app) {
  std::vector<CompletionCommand> commands;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    CompletionCommand result{command->get_name(), one_line(command->get_description()), {}, {}, false};
    for (const CLI::Option* option : command->get_options()) {
      if (!option->get_lnames().empty() || !option->get_snames().empty()) {
        result.options.push_back(option_of(*option));
      } else if (option->get_positional()) {
        result.positional_choices = choices_of(*option);
        result.positional_path = result.positional_choices.empty();
      }
    }
    commands.push_back(std::move(result));
  }
  return commands;
}

}  // namespace pgadvisor
