#include "cli/command_line_errors.hpp"

#include <algorithm>
#include <iostream>

namespace pgadvisor {
namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

size_t allowed_distance(const std::string& word) { return word.size() <= 3 ? 1 : word.size() <= 8 ? 2 : 3; }

std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(command->get_name());
  return names;
}

std::vector<std::string> long_options(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options())
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
  return names;
}

// "; did you mean X?" for the first word of the command line that is not known, or "".
std::string suggestion(const CLI::App& app, int argc, const char* const* argv) {
  if (argc < 2) return "";
  const std::string first = argv[1];
  if (first.empty() || first[0] == '-') return "";
  std::vector<std::string> subcommands = subcommand_names(app);
  const CLI::App* command = nullptr;
  for (const CLI::App* candidate : app.get_subcommands([](const CLI::App*) { return true; }))
    if (candidate->get_name() == first) command = candidate;
  if (!command) {
    std::string near = nearest_word(first, subcommands);
    return near.empty() ? "" : "; did you mean `pgadvisor " + near + "`?";
  }
  std::vector<std::string> known = long_options(*command);
  for (int i = 2; i < argc; ++i) {
    std::string word = argv[i];
    if (word.rfind("--", 0) != 0 || word == "--") continue;
    word = word.substr(0, word.find('='));
    if (std::find(known.begin(), known.end(), word) != known.end()) continue;
    std::string near = nearest_word(word, known);
    if (!near.empty()) return "; did you mean " + near + "?";
  }
  return "";
}

}  // namespace

std::string nearest_word(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = allowed_distance(word) + 1;
  for (const auto& candidate : candidates) {
    size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) best = candidate, best_distance = distance;
  }
  if (!best.empty()) return best;
  std::string only_prefix;
  for (const auto& candidate : candidates) {
    if (word.size() < 3 || candidate.rfind(word, 0) != 0) continue;
    if (!only_prefix.empty()) return "";
    only_prefix = candidate;
  }
  return only_prefix;
}

int report_parse_error(CLI::App& app, const CLI::ParseError& error, int argc, const char* const* argv) {
  if (error.get_exit_code() == 0) return app.exit(error);
  std::cerr << "pgadvisor: " << error.what() << suggestion(app, argc, argv) << "\n";
  std::vector<std::string> subcommands = subcommand_names(app);
  bool known = argc > 1 && std::find(subcommands.begin(), subcommands.end(), argv[1]) != subcommands.end();
  std::string command = known ? std::string(" ") + argv[1] : "";
  std::cerr << "pgadvisor: see `pgadvisor" << command << " --help`\n";
  return 2;
}

}  // namespace pgadvisor
