// `--history DIR` (audit and report): the earlier JSON reports of the same audit in DIR, read
// into the report's `trend` section (advisor/history_trend.hpp). Every `*.json` file of DIR
// (not its subfolders) is read; skipped, each with a line on standard error and an entry in
// `trend.skipped`: files that are not pgadvisor audit reports of version 1 (a workload file,
// other JSON, unreadable text), reports of another database (by dbname: "the same audit"),
// interrupted audits (their findings and templates are partial), reports recorded at or after
// this one, and a second file of a run already read (same generated_at). The report being
// written or rendered is never its own history. Runs are ordered by their generated_at; a
// report written before generated_at was recorded is placed by its file's modification time.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pgadvisor {

// The option's help, shared by audit and report.
inline constexpr const char* kHistoryHelp =
    "the folder of the earlier JSON reports of this audit (a week of scheduled runs): add a trend\n"
    "section (per run, per template, what got slower, new and fixed findings since the previous run)";

// FatalError(Usage) unless `dir` is a directory: checked before an audit runs.
void check_history_dir(const std::string& dir);

// The trend section of `current`, the report written to (or rendered from) `current_paths`
// (none: standard output), over the earlier reports in `dir`.
nlohmann::json history_trend_section(const std::string& dir, const nlohmann::json& current,
                                     const std::vector<std::string>& current_paths);

}  // namespace pgadvisor
