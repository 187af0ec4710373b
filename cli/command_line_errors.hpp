// What pgadvisor says when its command line cannot be parsed: one `pgadvisor:` line with CLI11's
// reason, and for an unknown subcommand or option the nearest known one ("did you mean --fail-on?").
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace pgadvisor {

// Prints the error (help and --version are printed as CLI11 does) and returns the exit status:
// 0 for help and --version, 2 otherwise.
int report_parse_error(CLI::App& app, const CLI::ParseError& error, int argc, const char* const* argv);

// The candidate nearest to `word` by edit distance (a swap of two neighbours counts one), or a
// candidate `word` is the only prefix of; "" when none is near enough to be a likely typo.
std::string nearest_word(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace pgadvisor
