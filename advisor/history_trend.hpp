// History trend: this audit's JSON report with the earlier reports of the same audit (`audit
// --history DIR`, `pgadvisor report --history DIR`), for scheduled runs: per run its time,
// replayed time, templates and findings by severity; per template (by its key, `fingerprint`)
// its replayed time a call in each run; and what changed since the previous run, decided by
// compare_to_baseline (advisor/baseline_compare.hpp) with the same rules and thresholds:
// regressions, faster templates, new and gone templates, new and fixed findings. Pure: the
// reports are read by the command (cli/history_reports).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "advisor/baseline_compare.hpp"

namespace pgadvisor {

struct HistoryRun {
  std::string file;             // its path; empty when the report has none
  std::string time;             // when it ran: its generated_at, or its file's modification time
  bool time_from_file = false;  // the report had no generated_at (written before it was recorded)
  nlohmann::json report;
};

struct HistorySkip {
  std::string file, reason;
};

// The database a report audited, for "the same audit": the dbname of its `database`
// ("dbname=blog host=... port=..."), else that whole text.
std::string audited_database(const nlohmann::json& report);

// The report's `trend` section (schema/report-v1.schema.json, $defs/trend): `earlier` oldest
// first, `current` last. Without an earlier run, nothing is compared: `previous` is null and
// the lists of changes are empty. Throws std::invalid_argument when a report is not a JSON
// report (as compare_to_baseline does).
nlohmann::json history_trend(const std::string& history, const std::vector<HistoryRun>& earlier, const HistoryRun& current,
                             const std::vector<HistorySkip>& skipped, const BaselineOptions& options = {});

}  // namespace pgadvisor
