#include "plans/workload/workload_replay.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace pgadvisor {
namespace {

constexpr size_t kMaxKeptCalls = 1000;  // --samples all keeps at most this many calls a template

}  // namespace

size_t calls_to_keep(const SampleChoice& choice) {
  switch (choice.mode) {
    case SampleMode::FirstK: return static_cast<size_t>(std::max(choice.k, 1));
    case SampleMode::All: return kMaxKeptCalls;
    default: return 1;
  }
}

ReplayedWorkload replay_workload(const Workload& workload, const std::string& dsn, const ReplaySettings& settings,
                                 const std::atomic<bool>& stop, const ReplayProgress& progress,
                                 const ReplayMemory* memory) {
  ReplayedWorkload out;
  out.statements = workload.statement_count();
  out.first_timestamp = workload.first_timestamp();
  out.last_timestamp = workload.last_timestamp();
  out.replay = settings;
  out.diagnostics = workload.diagnostics();
  {
    Session session(dsn, settings.session);
    out.database = session.connected_to();
    out.server = read_server_settings(session);
    out.identity = session.identity();
  }
  for (const auto& warning : out.identity.warnings) out.diagnostics.push_back({"replay role", 0, "WARNING: " + warning, ""});

  for (const auto& tmpl : workload.templates()) {
    ReplayedTemplate entry{tmpl, {}};
    for (auto& statement : choose_samples(tmpl, settings.samples)) entry.samples.push_back({std::move(statement), {}});
    if (settings.samples.mode == SampleMode::All && tmpl.calls > static_cast<long long>(entry.samples.size()))
      out.diagnostics.push_back({tmpl.sample.source, tmpl.sample.line,
                                 fmt::format("{} calls; the first {} were kept and replayed", tmpl.calls, entry.samples.size()),
                                 tmpl.sample.sql});
    out.templates.push_back(std::move(entry));
  }
  std::stable_sort(out.templates.begin(), out.templates.end(),
                   [](const ReplayedTemplate& a, const ReplayedTemplate& b) { return a.tmpl.total_ms > b.tmpl.total_ms; });

  std::vector<ReplayJob> jobs;
  std::vector<std::string> job_keys;
  std::vector<ReplayedSample*> job_samples;
  for (auto& entry : out.templates)
    for (size_t i = 0; i < entry.samples.size(); ++i) {
      ReplayedSample& sample = entry.samples[i];
      std::string key = fmt::format("{}#{}", entry.tmpl.fingerprint, i);
      if (memory && memory->recall) {
        if (auto known = memory->recall(key, sample.statement)) {
          sample.result = std::move(*known);
          continue;
        }
      }
      jobs.push_back({&sample.statement, &entry.tmpl.statement_class});
      job_keys.push_back(std::move(key));
      job_samples.push_back(&sample);
    }
  ReplayRunnerOptions options{dsn, settings.session, settings.policy, settings.connections, 3, {}};
  if (memory && memory->record)
    options.on_result = [&](size_t job, const ReplayResult& result) {
      memory->record(job_keys[job], job_samples[job]->statement, result);
    };
  ReplayRunOutcome outcome = run_replay(jobs, options, stop, progress);
  out.interrupted = outcome.interrupted;
  out.server_lost = outcome.server_lost;
  for (size_t job = 0; job < jobs.size(); ++job) job_samples[job]->result = std::move(outcome.results[job]);

  for (auto& entry : out.templates) {
    for (auto& sample : entry.samples) {
      const ReplayResult& result = sample.result;
      if (result.status == ReplayStatus::Analyzed) continue;
      std::string what = result.status == ReplayStatus::Refused    ? "not replayed: "
                         : result.status == ReplayStatus::Failed   ? "replay failed: "
                         : result.status == ReplayStatus::TimedOut ? "timed out, kept: "
                                                                   : "explained only: ";
      out.diagnostics.push_back({sample.statement.source, sample.statement.line, what + result.reason, sample.statement.sql});
    }
  }
  for (auto& note : outcome.notes) out.diagnostics.push_back(std::move(note));
  order_by_replayed_time_when_untimed(out.templates);
  return out;
}

void order_by_replayed_time_when_untimed(std::vector<ReplayedTemplate>& templates) {
  bool timed = std::any_of(templates.begin(), templates.end(), [](const ReplayedTemplate& t) { return t.tmpl.total_ms > 0; });
  if (timed) return;
  auto replayed_total = [](const ReplayedTemplate& entry) {
    const ReplayResult* result = entry.primary();
    if (!result) return 0.0;
    std::optional<double> ms = result->median_ms();
    if (!ms) ms = result->lower_bound_ms;
    return ms ? *ms * static_cast<double>(std::max(entry.tmpl.calls, 1LL)) : 0.0;
  };
  std::stable_sort(templates.begin(), templates.end(), [&](const ReplayedTemplate& a, const ReplayedTemplate& b) {
    return replayed_total(a) > replayed_total(b);
  });
}

}  // namespace pgadvisor
