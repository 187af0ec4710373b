#include "plans/workload/replay_result_json.hpp"

#include <stdexcept>

#include "plans/plan/plan_tree.hpp"

namespace pgadvisor {
namespace {

using json = nlohmann::json;

json optional_number(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

json run_json(const ReplayRun& run) {
  return {{"execution_ms", run.execution_ms},
          {"planning_ms", run.planning_ms},
          {"shared_hit_blocks", run.shared_hit_blocks},
          {"shared_read_blocks", run.shared_read_blocks},
          {"cache", cache_state(run)}};
}

ReplayRun run_from(const json& in) {
  return {in.at("execution_ms").get<double>(), in.at("planning_ms").get<double>(),
          in.at("shared_hit_blocks").get<long long>(), in.at("shared_read_blocks").get<long long>()};
}

}  // namespace

json replay_result_to_json(const ReplayResult& result) {
  json out = {{"status", replay_status_name(result.status)}, {"reason", result.reason}, {"timed_out", result.timed_out}};
  out["warmup"] = result.warmup ? run_json(*result.warmup) : json(nullptr);
  out["runs"] = json::array();
  for (const auto& run : result.runs) out["runs"].push_back(run_json(run));
  out["long_query"] = result.long_query;
  out["median_ms"] = optional_number(result.median_ms());
  out["lower_bound_ms"] = optional_number(result.lower_bound_ms);
  if (!result.runs.empty()) {
    RunSpread spread = run_spread(result.runs);
    out["min_ms"] = spread.min_ms;
    out["max_ms"] = spread.max_ms;
    out["cache"] = cache_state(result.runs[*median_run(result.runs)]);
  }
  out["summary"] = result.plan ? json(summarize_plan(*result.plan)) : json(nullptr);
  out["plan"] = result.explain_json;
  return out;
}

ReplayResult replay_result_from_json(const json& in) {
  ReplayResult result;
  std::optional<ReplayStatus> status = replay_status_from_name(in.at("status").get<std::string>());
  if (!status) throw std::runtime_error("unknown replay status " + in.at("status").dump());
  result.status = *status;
  result.reason = in.at("reason").get<std::string>();
  result.timed_out = in.value("timed_out", false);
  if (in.contains("lower_bound_ms") && in.at("lower_bound_ms").is_number())
    result.lower_bound_ms = in.at("lower_bound_ms").get<double>();
  if (!in.at("warmup").is_null()) result.warmup = run_from(in.at("warmup"));
  for (const auto& run : in.at("runs")) result.runs.push_back(run_from(run));
  result.long_query = in.value("long_query", false);  // absent from files written before --long-query
  result.explain_json = in.at("plan");
  if (!result.explain_json.is_null()) result.plan = parse_explain_json(result.explain_json);
  return result;
}

}  // namespace pgadvisor
