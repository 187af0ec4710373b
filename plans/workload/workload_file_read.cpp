#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "plans/workload/replay_identity_json.hpp"
#include "plans/fatal_error.hpp"
#include "plans/sql/pg_query_api.hpp"
#include "plans/sql/statement_kind.hpp"
#include "plans/workload/replay_result_json.hpp"
#include "plans/workload/workload_file.hpp"

namespace pgadvisor {
namespace {

using json = nlohmann::json;

Statement statement_from(const json& in) {
  Statement statement;
  statement.sql = in.at("sql").get<std::string>();
  for (const auto& param : in.at("params"))
    statement.params.push_back(param.is_null() ? StatementParam() : StatementParam(param.get<std::string>()));
  statement.duration_ms = in.at("duration_ms").is_null() ? -1 : in.at("duration_ms").get<double>();
  statement.session = in.value("session", "");
  statement.timestamp = in.value("timestamp", "");
  statement.user = in.value("user", "");
  statement.database = in.value("database", "");
  statement.application = in.value("application", "");
  statement.source = in.value("source", "");
  statement.line = in.value("line", 0);
  statement.truncated = in.value("truncated", false);
  statement.logged_plan = in.value("logged_plan", "");
  statement.tags = in.value("tags", std::map<std::string, std::string>());
  return statement;
}

ReplayedTemplate template_from(const json& in) {
  ReplayedTemplate entry;
  QueryTemplate& tmpl = entry.tmpl;
  tmpl.fingerprint = in.at("fingerprint").get<std::string>();
  tmpl.normalized_sql = in.at("normalized_sql").get<std::string>();
  tmpl.calls = in.at("calls").get<long long>();
  tmpl.total_ms = in.at("total_ms").get<double>();
  tmpl.max_ms = in.at("max_ms").get<double>();
  tmpl.origins = origins_from_json(in.value("origins", json::array()));
  tmpl.sample = statement_from(in.at("slowest_call"));
  ParsedSql parsed = parse_sql(tmpl.sample.sql);
  tmpl.statement_class = classify_statement(parsed);
  tmpl.facts = extract_query_facts(parsed);
  std::vector<std::pair<size_t, size_t>> varying;
  for (const auto& pair : in.at("varying_predicates")) varying.emplace_back(pair.at(0).get<size_t>(), pair.at(1).get<size_t>());
  tmpl.constants = ConstantTracker::restored(tmpl.facts, varying);
  for (const auto& sample : in.at("samples")) {
    entry.samples.push_back({statement_from(sample.at("statement")), replay_result_from_json(sample.at("replay"))});
    tmpl.first_calls.push_back(entry.samples.back().statement);
  }
  return entry;
}

}  // namespace

ReplayedWorkload workload_from_json(const json& document, const std::string& source) {
  if (!document.is_object() || document.value("format", "") != "pgadvisor-workload")
    throw FatalError(FatalKind::Input, fmt::format("{}: not a pgadvisor workload (no \"format\": \"pgadvisor-workload\")", source));
  if (document.value("version", 0) != kWorkloadFileVersion)
    throw FatalError(FatalKind::Input, fmt::format("{}: workload version {} is not supported (this pgadvisor reads {})", source,
                                                   document.value("version", 0), kWorkloadFileVersion));
  ReplayedWorkload workload;
  try {
    workload.logs = document.at("logs").get<std::vector<std::string>>();
    workload.database = document.at("database").get<std::string>();
    workload.statements = document.at("statements").get<long long>();
    workload.first_timestamp = document.value("first_timestamp", "");
    workload.last_timestamp = document.value("last_timestamp", "");
    workload.interrupted = document.at("interrupted").get<bool>();
    workload.server_lost = document.value("server_lost", false);
    workload.session_analysis = document.value("session_analysis", nlohmann::json::object());
    const json& server = document.at("server");
    workload.server.version_num = server.at("version_num").get<int>();
    workload.server.version = server.at("version").get<std::string>();
    workload.server.values = server.at("settings").get<std::map<std::string, std::string>>();
    workload.identity = replay_identity_from_json(document.value("replay_role", nlohmann::json::object()));
    const json& replay = document.at("replay");
    std::optional<SampleChoice> samples = parse_sample_choice(replay.at("samples").get<std::string>());
    if (!samples) throw std::runtime_error("unknown samples " + replay.at("samples").dump());
    workload.replay.samples = *samples;
    workload.replay.policy.runs = replay.at("runs").get<int>();
    workload.replay.policy.warmup = replay.at("warmup").get<bool>();
    workload.replay.policy.long_query_ms = replay.value("long_query_ms", 0.0);  // before --long-query: k runs each
    workload.replay.policy.analyze_writes = replay.at("analyze_writes").get<bool>();
    workload.replay.policy.allowed_functions = replay.at("allowed_functions").get<std::vector<std::string>>();
    workload.replay.connections = replay.at("connections").get<int>();
    workload.replay.session.statement_timeout_ms = replay.at("statement_timeout_ms").get<int>();
    workload.replay.session.lock_timeout_ms = replay.at("lock_timeout_ms").get<int>();
    workload.replay.session.idle_in_transaction_timeout_ms = replay.at("idle_in_transaction_session_timeout_ms").get<int>();
    for (const auto& entry : document.at("templates")) workload.templates.push_back(template_from(entry));
    for (const auto& d : document.at("diagnostics"))
      workload.diagnostics.push_back({d.at("source").get<std::string>(), d.at("line").get<int>(),
                                      d.at("reason").get<std::string>(), d.at("statement").get<std::string>()});
  } catch (const FatalError&) {
    throw;
  } catch (const std::exception& error) {
    throw FatalError(FatalKind::Input, fmt::format("{}: malformed workload: {}", source, error.what()));
  }
  return workload;
}

ReplayedWorkload read_workload_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FatalError(FatalKind::Input, fmt::format("cannot open workload {}", path));
  std::stringstream text;
  text << in.rdbuf();
  json document = json::parse(text.str(), nullptr, false);
  if (document.is_discarded()) throw FatalError(FatalKind::Input, fmt::format("{}: not valid JSON", path));
  return workload_from_json(document, path);
}

}  // namespace pgadvisor
