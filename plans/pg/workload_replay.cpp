#include "plans/pg/workload_replay.hpp"

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
                                 const std::atomic<bool>& stop, const ReplayProgress& progress) {
  ReplayedWorkload out;
  out.database = redact_dsn(dsn);
  out.statements = workload.statement_count();
  out.first_timestamp = workload.first_timestamp();
  out.last_timestamp = workload.last_timestamp();
  out.replay = settings;
  out.diagnostics = workload.diagnostics();
  {
    Session session(dsn, settings.session);
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
  for (const auto& entry : out.templates)
    for (const auto& sample : entry.samples) jobs.push_back({&sample.statement, &entry.tmpl.statement_class});
  ReplayRunnerOptions options{dsn, settings.session, settings.policy, settings.connections, 3};
  ReplayRunOutcome outcome = run_replay(jobs, options, stop, progress);
  out.interrupted = outcome.interrupted;

  size_t next = 0;
  for (auto& entry : out.templates) {
    for (auto& sample : entry.samples) {
      sample.result = std::move(outcome.results[next++]);
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
  return out;
}

}  // namespace pgadvisor
