#include "cli/history_reports.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "advisor/history_trend.hpp"
#include "plans/output_file.hpp"
#include "plans/fatal_error.hpp"
#include "plans/utc_time.hpp"

namespace pgadvisor {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string file_time(const fs::path& path) {
  std::error_code error;
  auto written = fs::last_write_time(path, error);
  if (error) return "";
  // file_time_type's clock is not system_clock in C++17: carry the offset over from now
  auto now = std::chrono::system_clock::now();
  auto on_system_clock = now + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                   written - fs::file_time_type::clock::now());
  return utc_timestamp(on_system_clock);
}

// When the run was: its generated_at, normalized, else its file's modification time.
void set_time(HistoryRun& run) {
  auto at = run.report.find("generated_at");
  std::optional<UtcTime> recorded =
      at != run.report.end() && at->is_string() ? parse_utc_timestamp(at->get<std::string>()) : std::nullopt;
  run.time_from_file = !recorded;
  run.time = recorded ? utc_timestamp(*recorded) : file_time(run.file);
}

// Why `report` (read from `path`) is not an audit report this pgadvisor reads; "" when it is one.
std::string not_a_report(const json& report) {
  if (!report.is_object()) return "not a JSON object";
  std::string format = report.value("format", json("")).is_string() ? report.value("format", std::string()) : "";
  if (format == "pgadvisor-workload") return "a workload file of `pgadvisor replay`, not an audit report";
  if (format != "pgadvisor-report" || !report.contains("templates") || !report["templates"].is_array())
    return "not a pgadvisor audit report (no \"format\": \"pgadvisor-report\" and \"templates\")";
  if (report.value("version", json(0)) != json(1))
    return "a report of version " + report.value("version", json(nullptr)).dump() + "; this pgadvisor reads version 1";
  return "";
}

// The report in `path`; nullopt, and `reason` says why, when it is not one.
std::optional<json> read_report(const fs::path& path, std::string& reason) {
  std::ifstream in(path);
  if (!in) {
    reason = "cannot be read";
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  json report;
  try {
    report = json::parse(text.str());
  } catch (const json::parse_error& error) {  // "[json.exception.parse_error.101] parse error at line 3, column 1: ..."
    std::string what = error.what();
    size_t at = what.find("parse error");
    reason = "not JSON: " + (at == std::string::npos ? what : what.substr(at));
    return std::nullopt;
  }
  reason = not_a_report(report);
  if (!reason.empty()) return std::nullopt;
  return report;
}

HistoryRun current_run(const json& current, const std::vector<std::string>& current_paths) {
  HistoryRun run{current_paths.empty() ? "" : current_paths.front(), "", false, current};
  set_time(run);
  if (run.time.empty()) run.time = utc_timestamp(std::chrono::system_clock::now());  // not written yet
  return run;
}

}  // namespace

void check_history_dir(const std::string& dir) {
  std::error_code error;
  if (!fs::is_directory(dir, error))
    throw FatalError(FatalKind::Usage, "--history: " + dir + " is not a directory (the folder of the earlier JSON reports)");
}

json history_trend_section(const std::string& dir, const json& current, const std::vector<std::string>& current_paths) {
  check_history_dir(dir);
  const HistoryRun now = current_run(current, current_paths);
  const std::string database = audited_database(current);
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error))
    if (entry.path().extension() == ".json" && entry.is_regular_file(error)) files.push_back(entry.path());
  if (error) throw FatalError(FatalKind::Input, "--history: cannot list " + dir + ": " + error.message());
  std::sort(files.begin(), files.end());

  std::vector<HistoryRun> earlier;
  std::vector<HistorySkip> skipped;
  auto skip = [&](const fs::path& file, const std::string& reason) {
    std::cerr << "pgadvisor: --history: " << file.string() << ": " << reason << ": skipped\n";
    skipped.push_back({file.string(), reason});
  };
  for (const auto& file : files) {
    if (std::any_of(current_paths.begin(), current_paths.end(), [&](const std::string& p) { return same_file(file.string(), p); }))
      continue;  // this report itself
    std::string reason;
    std::optional<json> report = read_report(file, reason);
    if (!report) { skip(file, reason); continue; }
    if (audited_database(*report) != database) {
      skip(file, "an audit of database " + audited_database(*report) + ", not " + database);
      continue;
    }
    if (report->value("interrupted", false) == true) { skip(file, "an interrupted audit (its figures are partial)"); continue; }
    HistoryRun run{file.string(), "", false, std::move(*report)};
    set_time(run);
    if (run.time >= now.time) {
      skip(file, "recorded at " + run.time + ", not before this report (" + now.time + ")");
      continue;
    }
    auto same_run = std::find_if(earlier.begin(), earlier.end(), [&](const HistoryRun& r) { return r.time == run.time; });
    if (same_run != earlier.end()) { skip(file, "the same run as " + same_run->file); continue; }
    earlier.push_back(std::move(run));
  }
  std::stable_sort(earlier.begin(), earlier.end(), [](const HistoryRun& a, const HistoryRun& b) { return a.time < b.time; });
  return history_trend(dir, earlier, now, skipped);
}

}  // namespace pgadvisor
