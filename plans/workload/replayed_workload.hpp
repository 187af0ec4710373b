// ReplayedWorkload: a workload after replay — each template with the samples replayed and their
// measurements, the server and settings they were measured under, the replay's own settings,
// and every diagnostic of reading and replaying. It is what `pgadvisor replay` saves
// (plans/workload/workload_file) and what the advisor reads. Plain data.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "plans/diagnostic.hpp"
#include "plans/pg/replay.hpp"
#include "plans/pg/server_settings.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

enum class SampleMode { Slowest, First, FirstK, All };

struct SampleChoice {
  SampleMode mode = SampleMode::Slowest;
  int k = 1;  // for FirstK
};

struct ReplayedSample {
  Statement statement;
  ReplayResult result;
};

struct ReplayedTemplate {
  QueryTemplate tmpl;
  std::vector<ReplayedSample> samples;  // at least one unless the run was interrupted first

  const ReplayResult* primary() const { return samples.empty() ? nullptr : &samples.front().result; }
  // Median replayed time over the mean logged time of the primary sample; nullopt when either
  // is unknown.
  std::optional<double> replayed_to_logged() const;
};

struct ReplaySettings {
  ReplayPolicy policy;
  SampleChoice samples;
  int connections = 2;
  SessionSettings session;
};

struct ReplayedWorkload {
  std::vector<std::string> logs;
  std::string database;      // redacted connection string
  long long statements = 0;  // read from the logs
  std::string first_timestamp, last_timestamp;  // of the logged statements; empty when unknown
  ServerSettings server;
  ReplayIdentity identity;  // the role the statements were replayed as, and its excess powers
  ReplaySettings replay;
  bool interrupted = false;  // Ctrl-C: some templates were not replayed
  bool server_lost = false;  // the server was lost for good: some templates were not replayed
  std::vector<ReplayedTemplate> templates;  // slowest total time first
  // What the advisor read from the order of the statements in each session (findings, per-session
  // summaries): kept as JSON, since the workload keeps no statement order to derive them again.
  nlohmann::json session_analysis = nlohmann::json::object();
  Diagnostics diagnostics;
};

// The statements of `tmpl` to replay under `choice`.
std::vector<Statement> choose_samples(const QueryTemplate& tmpl, const SampleChoice& choice);

std::string sample_choice_name(const SampleChoice& choice);        // "slowest", "first", "k=3", "all"
std::optional<SampleChoice> parse_sample_choice(const std::string& text);

}  // namespace pgadvisor
