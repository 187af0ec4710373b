#include "advisor/report_json.hpp"

#include "plans/plan/plan_tree.hpp"

namespace pgadvisor {
namespace {

using nlohmann::json;

json diagnostic_json(const Diagnostic& diagnostic) {
  return {{"source", diagnostic.source}, {"line", diagnostic.line}, {"message", diagnostic.message},
          {"statement", diagnostic.statement}};
}

json replay_json(const TemplateAdvice& entry) {
  const ReplayResult& replay = entry.replay;
  json out = {{"status", replay_status_name(replay.status)}};
  if (!replay.plan) {
    out["diagnostic"] = diagnostic_json({entry.tmpl.sample.source, entry.tmpl.sample.line, replay.reason, ""});
    return out;
  }
  out["execution_ms"] = replay.plan->execution_ms ? json(*replay.plan->execution_ms) : json(nullptr);
  out["planning_ms"] = replay.plan->planning_ms ? json(*replay.plan->planning_ms) : json(nullptr);
  out["plan_total_cost"] = replay.plan->root.total_cost;
  out["plan_summary"] = summarize_plan(*replay.plan);
  if (!replay.reason.empty()) out["note"] = replay.reason;
  return out;
}

json template_json(const TemplateAdvice& entry) {
  const QueryTemplate& tmpl = entry.tmpl;
  return {{"fingerprint", tmpl.fingerprint},
          {"normalized_sql", tmpl.normalized_sql},
          {"kind", statement_kind_name(tmpl.statement_class.kind)},
          {"calls", tmpl.calls},
          {"total_ms", tmpl.total_ms},
          {"mean_ms", tmpl.mean_ms()},
          {"max_ms", tmpl.max_ms},
          {"sample", {{"sql", tmpl.sample.sql}, {"source", tmpl.sample.source}, {"line", tmpl.sample.line}}},
          {"replay", replay_json(entry)}};
}

json index_json(const IndexProposal& proposal) {
  const IndexDefinition& definition = proposal.candidate.definition;
  json columns = json::array();
  for (const auto& column : definition.columns) columns.push_back({{"name", column.name}, {"descending", column.descending}});
  json fingerprints = json::array();
  json per_template = json::array();
  for (const auto& cost : proposal.templates) {
    fingerprints.push_back(cost.fingerprint);
    per_template.push_back({{"fingerprint", cost.fingerprint}, {"calls", cost.calls},
                            {"cost_before", cost.cost_before}, {"cost_after", cost.cost_after}});
  }
  return {{"table", definition.table},
          {"columns", columns},
          {"where", definition.where.empty() ? json(nullptr) : json(definition.where)},
          {"include", definition.include},
          {"name", proposal.candidate.name()},
          {"ddl", proposal.candidate.ddl()},
          {"size_bytes", proposal.size_bytes},
          {"cost_before", proposal.weighted_cost_before()},
          {"cost_after", proposal.weighted_cost_after()},
          {"templates", fingerprints},
          {"per_template", per_template}};
}

}  // namespace

json advice_to_json(const Advice& advice) {
  json out = {{"version", 1},
              {"database", advice.database},
              {"server_version", advice.server_version},
              {"logs", advice.logs},
              {"statements", advice.statements},
              {"candidates_evaluated", advice.candidates_evaluated},
              {"whatif_requests", advice.whatif_requests}};
  out["templates"] = json::array();
  for (const auto& entry : advice.templates) out["templates"].push_back(template_json(entry));
  out["indexes"] = json::array();
  for (const auto& proposal : advice.indexes) out["indexes"].push_back(index_json(proposal));
  out["already_served"] = json::array();
  for (const auto& served : advice.already_served)
    out["already_served"].push_back({{"ddl", served.candidate.ddl()}, {"existing_index", served.existing_index}});
  out["diagnostics"] = json::array();
  for (const auto& diagnostic : advice.diagnostics) out["diagnostics"].push_back(diagnostic_json(diagnostic));
  return out;
}

}  // namespace pgadvisor
