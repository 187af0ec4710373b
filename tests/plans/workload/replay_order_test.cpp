// The order of the replayed templates: a log with durations keeps its order (slowest total time
// in the log first); a plain SQL log, which times nothing, is ordered by replayed time × calls,
// a timed-out statement counted at its lower bound, so its slowest template comes first.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "plans/workload/workload_replay.hpp"

using namespace pgadvisor;

namespace {

ReplayedTemplate replayed(const std::string& fingerprint, long long calls, double total_ms, std::vector<double> runs_ms,
                          std::optional<double> lower_bound_ms = std::nullopt) {
  ReplayedTemplate entry;
  entry.tmpl.fingerprint = fingerprint;
  entry.tmpl.calls = calls;
  entry.tmpl.total_ms = total_ms;
  ReplayedSample sample;
  for (double ms : runs_ms) sample.result.runs.push_back({ms, 0, 0, 0});
  sample.result.status = runs_ms.empty() ? ReplayStatus::TimedOut : ReplayStatus::Analyzed;
  sample.result.lower_bound_ms = lower_bound_ms;
  entry.samples.push_back(std::move(sample));
  return entry;
}

std::vector<std::string> order(const std::vector<ReplayedTemplate>& templates) {
  std::vector<std::string> out;
  for (const auto& entry : templates) out.push_back(entry.tmpl.fingerprint);
  return out;
}

}  // namespace

TEST_CASE("a plain SQL log's templates are ordered by replayed time × calls", "[replay][order]") {
  std::vector<ReplayedTemplate> templates = {replayed("cheap", 1, 0, {1, 2, 3}), replayed("often", 50, 0, {1}),
                                             replayed("timed_out", 1, 0, {}, 30000), replayed("slow", 1, 0, {400})};
  order_by_replayed_time_when_untimed(templates);
  CHECK(order(templates) == std::vector<std::string>{"timed_out", "slow", "often", "cheap"});
}

TEST_CASE("a log with durations keeps its order by logged time", "[replay][order]") {
  std::vector<ReplayedTemplate> templates = {replayed("logged_slowest", 1, 90, {1}), replayed("replayed_slowest", 1, 0, {500})};
  order_by_replayed_time_when_untimed(templates);
  CHECK(order(templates) == std::vector<std::string>{"logged_slowest", "replayed_slowest"});
}
