#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "plans/fatal_error.hpp"
#include "plans/workload/replay_identity_json.hpp"
#include "plans/workload/template_summary_json.hpp"
#include "plans/workload/replay_result_json.hpp"
#include "plans/workload/workload_file.hpp"
#include "plans/json_text.hpp"
#include "plans/output_file.hpp"

namespace pgadvisor {
namespace {

using json = nlohmann::json;

json optional_number(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

json statement_json(const Statement& statement) {
  json params = json::array();
  for (const auto& param : statement.params) params.push_back(param ? json(*param) : json(nullptr));
  json out = {{"sql", statement.sql},         {"params", params},
              {"duration_ms", statement.duration_ms < 0 ? json(nullptr) : json(statement.duration_ms)},
              {"session", statement.session}, {"timestamp", statement.timestamp},
              {"user", statement.user},       {"database", statement.database},
              {"application", statement.application},
              {"source", statement.source},   {"line", statement.line},
              {"truncated", statement.truncated}};
  if (!statement.logged_plan.empty()) out["logged_plan"] = statement.logged_plan;
  if (!statement.tags.empty()) out["tags"] = statement.tags;
  return out;
}

json template_json(const ReplayedTemplate& entry) {
  const QueryTemplate& tmpl = entry.tmpl;
  json varying = json::array();
  for (const auto& [scope, predicate] : tmpl.constants.varying_predicates()) varying.push_back({scope, predicate});
  json samples = json::array();
  for (const auto& sample : entry.samples)
    samples.push_back({{"statement", statement_json(sample.statement)}, {"replay", replay_result_to_json(sample.result)}});
  json out = template_summary_json(tmpl);
  out["replayed_to_logged"] = optional_number(entry.replayed_to_logged());
  out["slowest_call"] = statement_json(tmpl.sample);
  out["varying_predicates"] = varying;
  out["samples"] = samples;
  return out;
}

}  // namespace

json workload_to_json(const ReplayedWorkload& workload) {
  const ReplaySettings& replay = workload.replay;
  json diagnostics = json::array();
  for (const auto& d : workload.diagnostics)
    diagnostics.push_back({{"source", d.source}, {"line", d.line}, {"statement", d.statement}, {"reason", d.message}});
  json templates = json::array();
  for (const auto& entry : workload.templates) templates.push_back(template_json(entry));
  return {{"format", "pgadvisor-workload"},
          {"version", kWorkloadFileVersion},
          {"logs", workload.logs},
          {"database", workload.database},
          {"statements", workload.statements},
          {"first_timestamp", workload.first_timestamp},
          {"last_timestamp", workload.last_timestamp},
          {"interrupted", workload.interrupted},
          {"server_lost", workload.server_lost},
          {"session_analysis", workload.session_analysis},
          {"server", {{"version_num", workload.server.version_num}, {"version", workload.server.version},
                      {"settings", workload.server.values}}},
          {"replay_role", replay_identity_json(workload.identity)},
          {"replay", {{"samples", sample_choice_name(replay.samples)},
                      {"runs", replay.policy.runs},
                      {"warmup", replay.policy.warmup},
                      {"long_query_ms", replay.policy.long_query_ms},
                      {"analyze_writes", replay.policy.analyze_writes},
                      {"allowed_functions", replay.policy.allowed_functions},
                      {"connections", replay.connections},
                      {"statement_timeout_ms", replay.session.statement_timeout_ms},
                      {"lock_timeout_ms", replay.session.lock_timeout_ms},
                      {"idle_in_transaction_session_timeout_ms", replay.session.idle_in_transaction_timeout_ms}}},
          {"templates", templates},
          {"diagnostics", diagnostics}};
}

void write_workload_file(const ReplayedWorkload& workload, const std::string& path) {
  write_output(path, dump_json(workload_to_json(workload), 2) + "\n");
}

}  // namespace pgadvisor
