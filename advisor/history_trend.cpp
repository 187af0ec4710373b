#include "advisor/history_trend.hpp"

#include <map>
#include <optional>
#include <sstream>

namespace pgadvisor {
namespace {

using json = nlohmann::json;

const json& list_of(const json& object, const char* key) {
  static const json empty = json::array();
  if (!object.is_object()) return empty;
  auto found = object.find(key);
  return found != object.end() && found->is_array() ? *found : empty;
}
std::string text_of(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}
std::optional<double> number_of(const json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  auto found = object.find(key);
  return found != object.end() && found->is_number() ? std::optional<double>(found->get<double>()) : std::nullopt;
}
json or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

// The replayed time of one call of the template, when its replay has one.
std::optional<double> replayed_ms(const json& entry) {
  auto replay = entry.find("replay");
  return replay == entry.end() ? std::nullopt : number_of(*replay, "execution_ms");
}

json run_summary(const HistoryRun& run, bool current) {
  double replayed = 0, logged = 0;
  for (const auto& entry : list_of(run.report, "templates")) {
    logged += number_of(entry, "total_ms").value_or(0);
    if (auto ms = replayed_ms(entry)) replayed += *ms * number_of(entry, "calls").value_or(0);
  }
  json findings = {{"high", 0}, {"medium", 0}, {"low", 0}};
  for (const auto& finding : list_of(run.report, "findings")) {
    std::string severity = text_of(finding, "severity");
    if (findings.contains(severity)) findings[severity] = findings[severity].get<long long>() + 1;
  }
  return {{"file", or_null(run.file)},
          {"generated_at", run.time},
          {"time_from", run.time_from_file ? "file" : "generated_at"},
          {"current", current},
          {"statements", static_cast<long long>(number_of(run.report, "statements").value_or(0))},
          {"templates", list_of(run.report, "templates").size()},
          {"replayed_ms", replayed},
          {"logged_ms", logged},
          {"findings", findings}};
}

// Every template of any run by its key: this run's first, in the report's order (slowest total
// time first), then those only earlier runs had, the latest run's first. Per run: the replayed
// time a call and the calls (null where the run lacks it, or replayed it without a time).
json template_series(const std::vector<const HistoryRun*>& runs) {
  std::vector<std::string> order;
  std::map<std::string, std::string> sql;
  std::vector<std::map<std::string, const json*>> by_run(runs.size());
  for (size_t r = runs.size(); r-- > 0;)
    for (const auto& entry : list_of(runs[r]->report, "templates")) {
      std::string key = text_of(entry, "fingerprint");
      if (key.empty() || by_run[r].count(key)) continue;
      by_run[r][key] = &entry;
      if (sql.emplace(key, text_of(entry, "normalized_sql")).second) order.push_back(key);
    }
  json out = json::array();
  for (const auto& key : order) {
    json ms = json::array(), calls = json::array();
    for (const auto& run : by_run) {
      auto found = run.find(key);
      auto time = found == run.end() ? std::nullopt : replayed_ms(*found->second);
      ms.push_back(time ? json(*time) : json(nullptr));
      calls.push_back(found == run.end() ? json(nullptr) : json(number_of(*found->second, "calls").value_or(0)));
    }
    out.push_back({{"fingerprint", key}, {"normalized_sql", sql[key]}, {"ms", ms}, {"calls", calls}});
  }
  return out;
}

}  // namespace

std::string audited_database(const json& report) {
  std::string database = text_of(report, "database");
  std::istringstream words(database);
  for (std::string word; words >> word;)
    if (word.rfind("dbname=", 0) == 0) return word.substr(7);
  return database;
}

json history_trend(const std::string& history, const std::vector<HistoryRun>& earlier, const HistoryRun& current,
                   const std::vector<HistorySkip>& skipped, const BaselineOptions& options) {
  std::vector<const HistoryRun*> runs;
  for (const auto& run : earlier) runs.push_back(&run);
  runs.push_back(&current);
  json out = {{"history", history},
              {"database", audited_database(current.report)},
              {"runs", json::array()},
              {"skipped", json::array()},
              {"slower_factor", options.slower_factor},
              {"min_delta_ms", options.min_delta_ms},
              {"previous", nullptr},
              {"previous_generated_at", nullptr},
              {"compared", 0},
              {"unchanged", 0}};
  for (const char* key : {"regressions", "faster", "timing_only", "new_templates", "gone_templates", "new_findings",
                          "fixed_findings"})
    out[key] = json::array();
  for (const auto* run : runs) out["runs"].push_back(run_summary(*run, run == &current));
  for (const auto& skip : skipped) out["skipped"].push_back({{"file", skip.file}, {"reason", skip.reason}});
  out["templates"] = template_series(runs);
  if (earlier.empty()) return out;

  const HistoryRun& previous = earlier.back();
  BaselineOptions compare = options;
  compare.label = previous.file;
  json comparison = compare_to_baseline(previous.report, current.report, compare);
  out["previous"] = or_null(previous.file);
  out["previous_generated_at"] = previous.time;
  for (const char* key : {"regressions", "timing_only", "new_templates", "gone_templates", "new_findings", "compared",
                          "unchanged"})
    out[key] = comparison[key];
  for (const auto& entry : comparison["fixed"])
    out[text_of(entry, "type") == "finding" ? "fixed_findings" : "faster"].push_back(entry);
  return out;
}

}  // namespace pgadvisor
