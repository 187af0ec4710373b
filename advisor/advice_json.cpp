#include "advisor/advice_json.hpp"

#include <map>

#include "advisor/findings/finding_json.hpp"
#include "advisor/findings/findings_stage.hpp"
#include "advisor/findings/plan_shape.hpp"
#include "plans/workload/replay_identity_json.hpp"
#include "plans/workload/template_origins.hpp"
#include "plans/workload/template_summary_json.hpp"
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
    if (replay.lower_bound_ms) out["lower_bound_ms"] = *replay.lower_bound_ms;  // timed out, and no plan after
    return out;
  }
  out["execution_ms"] = replay.plan->execution_ms ? json(*replay.plan->execution_ms) : json(nullptr);
  out["planning_ms"] = replay.plan->planning_ms ? json(*replay.plan->planning_ms) : json(nullptr);
  if (auto median = replay.median_ms()) out["median_ms"] = *median;  // what a plain SQL log is ranked by
  out["plan_total_cost"] = replay.plan->root.total_cost;
  out["plan_summary"] = summarize_plan(*replay.plan);
  out["plan_nodes"] = plan_nodes_to_json(*replay.plan);
  if (replay.lower_bound_ms) out["lower_bound_ms"] = *replay.lower_bound_ms;
  if (!replay.runs.empty()) out["measured_runs"] = replay.runs.size();
  if (replay.long_query) out["long_query"] = true;
  if (!replay.reason.empty()) out["note"] = replay.reason;
  return out;
}

json template_json(const TemplateAdvice& entry) {
  const QueryTemplate& tmpl = entry.tmpl;
  json out = template_summary_json(tmpl);
  out["sample"] = {{"sql", tmpl.sample.sql}, {"source", tmpl.sample.source}, {"line", tmpl.sample.line}};
  out["replay"] = replay_json(entry);
  return out;
}

json optional_number(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

// The origins of the templates `fingerprints` names: a finding's or an index's.
class OriginsByFingerprint {
 public:
  explicit OriginsByFingerprint(const std::vector<TemplateAdvice>& templates) {
    for (const auto& entry : templates) by_fingerprint_.emplace(entry.tmpl.fingerprint, &entry.tmpl.origins);
  }
  // All of their origins (an index's), or those they share (a finding's: common_origins).
  json of(const std::vector<std::string>& fingerprints, bool shared = false) const {
    std::vector<const TemplateOrigins*> parts;
    for (const auto& fingerprint : fingerprints) {
      auto found = by_fingerprint_.find(fingerprint);
      if (found != by_fingerprint_.end()) parts.push_back(found->second);
    }
    return origins_to_json(shared ? common_origins(parts) : merge_origins(parts));
  }

 private:
  std::map<std::string, const TemplateOrigins*> by_fingerprint_;
};

json per_day(const std::optional<double>& factor, double per_log) {
  return factor ? json(per_log * *factor) : json(nullptr);
}

json effect_json(const TemplateEffect& effect, const std::optional<double>& factor) {
  return {{"fingerprint", effect.fingerprint},     {"calls", effect.calls},
          {"cost_before", effect.cost_before},     {"cost_after", effect.cost_after},
          {"plan_before", effect.plan_before},     {"plan_after", effect.plan_after},
          {"saved_ms", effect.saved_ms},           {"saved_ms_per_day", per_day(factor, effect.saved_ms)},
          {"time_scale_measured", effect.measured_scale},
          {"verified_before_ms", optional_number(effect.verified_before_ms)},
          {"verified_after_ms", optional_number(effect.verified_after_ms)},
          {"verified_plan_after", effect.verified_plan_after.empty() ? json(nullptr) : json(effect.verified_plan_after)}};
}

json index_json(const IndexProposal& proposal, const std::optional<double>& factor) {
  const IndexDefinition& definition = proposal.candidate.definition;
  json columns = json::array();
  for (const auto& column : definition.columns)
    columns.push_back({{"name", column.name}, {"descending", column.descending}, {"nulls_flipped", column.nulls_flipped},
                       {"expression", column.expression}});
  json fingerprints = json::array();
  json per_template = json::array();
  for (const auto& effect : proposal.templates) {
    fingerprints.push_back(effect.fingerprint);
    per_template.push_back(effect_json(effect, factor));
  }
  return {{"schema", definition.schema.empty() ? json(nullptr) : json(definition.schema)},
          {"table", definition.table},
          {"columns", columns},
          {"where", definition.where.empty() ? json(nullptr) : json(definition.where)},
          {"include", definition.include},
          {"name", proposal.candidate.name()},
          {"ddl", proposal.candidate.ddl()},
          {"size_bytes", proposal.size_bytes},
          {"saved_ms", proposal.saved_ms},
          {"write_ms", proposal.write_ms},
          {"saved_ms_per_day", per_day(factor, proposal.saved_ms)},
          {"write_ms_per_day", per_day(factor, proposal.write_ms)},
          {"cost_before", proposal.weighted_cost_before()},
          {"cost_after", proposal.weighted_cost_after()},
          {"templates", fingerprints},
          {"per_template", per_template}};
}

json selection_json(const SelectionSummary& s) {
  return {{"method", s.method},
          {"weigh_by", s.weigh_by},
          {"max_indexes", s.max_indexes},
          {"budget_bytes", s.budget_bytes > 0 ? json(s.budget_bytes) : json(nullptr)},
          {"total_size_bytes", s.total_size_bytes},
          {"net_saved_ms", s.net_ms},
          {"min_benefit_ms", s.min_benefit_ms},
          {"min_call_saving_ms", s.min_call_saving_ms},
          {"significant_call_saving_ms", s.significant_call_saving_ms},
          {"min_improvement", s.min_improvement},
          {"min_saving_per_mb_ms", s.min_saving_per_mb_ms},
          {"min_saving_per_mb_day_ms", optional_number(s.min_saving_per_mb_day_ms)},
          {"net_saved_ms_per_day", per_day(s.per_day, s.net_ms)},
          {"exact_net_saved_ms", optional_number(s.exact_net_ms)},
          {"greedy_to_exact", optional_number(s.greedy_to_exact)},
          {"exact_note", s.exact_note.empty() ? json(nullptr) : json(s.exact_note)},
          {"candidates", s.candidates},
          {"useful_candidates", s.useful_candidates},
          {"whatif_requests", s.whatif.requests},
          {"whatif_cache_hits", s.whatif.hits},
          {"whatif_plans", s.whatif.explains},
          {"whatif_resets", s.whatif.resets},
          {"advisor_seconds", s.seconds}};
}

json alternative_json(const RewriteAlternative& a) {
  auto text_or_null = [](const std::string& text) { return text.empty() ? json(nullptr) : json(text); };
  return {{"kind", a.kind},
          {"sql", text_or_null(a.sql)},
          {"django", text_or_null(a.django)},
          {"verified_equal", a.verified_equal},
          {"comparison", text_or_null(a.comparison)},
          {"ms", a.ms},
          {"ms_is_lower_bound", a.ms_is_lower_bound},
          {"note", text_or_null(a.note)}};
}

json rewrite_json(const RewriteAdvice& r) {
  auto text_or_null = [](const std::string& text) { return text.empty() ? json(nullptr) : json(text); };
  json alternatives = json::array();
  for (const auto& alternative : r.alternatives) alternatives.push_back(alternative_json(alternative));
  return {{"fingerprint", r.fingerprint},
          {"kind", r.kind},
          {"original_sql", r.original_sql},
          {"steps", r.steps},
          {"step2_array_sql", text_or_null(r.step2_array_sql)},
          {"list_form", text_or_null(r.list_form)},
          {"constrained", r.constrained},
          {"django", r.django ? json(*r.django) : json(nullptr)},
          {"django_note", text_or_null(r.django_note)},
          {"verified_equal", r.verified_equal},
          {"comparison", text_or_null(r.comparison)},
          {"before_ms", r.before_ms},
          {"before_is_lower_bound", r.before_is_lower_bound},
          {"after_ms", r.after_ms},
          {"step1_ms", r.step1_ms},
          {"step2_ms", r.step2_ms},
          {"speedup", r.speedup()},
          {"id_count", r.id_count},
          {"ids_include_null", r.ids_include_null},
          {"size_note", text_or_null(r.size_note)},
          {"calls", r.calls},
          {"subquery", r.subquery_form.empty() ? json(nullptr)
                                               : json{{"form", r.subquery_form}, {"rows", r.subquery_rows},
                                                      {"ms", r.subquery_ms}, {"plan_ms", r.plan_ms}}},
          {"alternatives", std::move(alternatives)},
          {"recommended", text_or_null(r.recommended)},
          {"verdict", rewrite_verdict_name(r.verdict)},
          {"reason", text_or_null(r.reason)}};
}

json verification_json(const VerificationSummary& v) {
  if (!v.ran) return {{"ran", false}, {"note", v.note.empty() ? json(nullptr) : json(v.note)}};
  return {{"ran", true},
          {"note", v.note.empty() ? json(nullptr) : json(v.note)},
          {"templates", v.templates},
          {"before_ms", v.before_ms},
          {"after_ms", v.after_ms},
          {"weighted_before_ms", v.weighted_before_ms},
          {"weighted_after_ms", v.weighted_after_ms},
          {"created_size_bytes", v.created_size_bytes},
          {"log_before_ms", v.log_before_ms},
          {"log_after_ms", v.log_after_ms},
          {"log_before_is_lower_bound", v.log_before_is_lower_bound},
          {"log_after_is_lower_bound", v.log_after_is_lower_bound},
          {"log_ratio", v.log_after_ms > 0 ? json(v.log_before_ms / v.log_after_ms) : json(nullptr)},
          {"log_templates", v.log_templates},
          {"rewrites_applied", v.rewrites_applied}};
}

}  // namespace

json advice_to_json(const Advice& advice) {
  json out = {{"format", "pgadvisor-report"},
              {"version", 1},
              {"generated_at", advice.generated_at},
              {"database", advice.database},
              {"server_version", advice.server_version},
              {"replay_role", replay_identity_json(advice.identity)},
              {"logs", advice.logs},
              {"statements", advice.statements},
              {"first_timestamp", advice.first_timestamp},
              {"last_timestamp", advice.last_timestamp},
              {"candidates_evaluated", advice.selection.candidates},
              {"whatif_requests", advice.selection.whatif.requests},
              {"whatif_cache_hits", advice.selection.whatif.hits},
              {"whatif_plans", advice.selection.whatif.explains}};
  out["interrupted"] = advice.interrupted;
  out["incomplete"] = json::array();
  for (const auto& gap : advice.incomplete)
    out["incomplete"].push_back(
        {{"kind", gap.kind == GapKind::Connection ? "connection" : "advice"}, {"cause", gap.cause}, {"fix", gap.fix}});
  out["stages"] = json::array();
  for (const auto& stage : advice.stages) {
    json record = {{"name", stage.name},
                   {"outcome", stage_outcome_name(stage.outcome)},
                   {"seconds", stage.seconds},
                   {"error", stage.error},
                   {"measured", stage.measured},
                   {"unmeasured", stage.unmeasured},
                   {"long_queries", stage.long_queries}};
    record["budget_seconds"] = stage.budget_seconds ? json(*stage.budget_seconds) : json(nullptr);
    out["stages"].push_back(record);
  }
  out["selection"] = selection_json(advice.selection);
  out["verification"] = verification_json(advice.verification);
  out["templates"] = json::array();
  for (const auto& entry : advice.templates) out["templates"].push_back(template_json(entry));
  out["indexes"] = json::array();
  const OriginsByFingerprint origins(advice.templates);
  for (const auto& proposal : advice.indexes) {
    out["indexes"].push_back(index_json(proposal, advice.selection.per_day));
    out["indexes"].back()["origins"] = origins.of(out["indexes"].back()["templates"].get<std::vector<std::string>>());
  }
  out["already_served"] = json::array();
  for (const auto& served : advice.already_served)
    out["already_served"].push_back({{"ddl", served.candidate.ddl()},
                                     {"definition", served.candidate.key()},
                                     {"existing_index", served.existing_index}});
  out["drop_suggestions"] = json::array();
  for (const auto& drop : advice.drops)
    out["drop_suggestions"].push_back({{"index", drop.index.name},
                                       {"table", drop.index.definition.qualified_table()},
                                       {"kind", drop.kind == DropKind::Prefix ? "prefix" : "unused"},
                                       {"covered_by", drop.covered_by.empty() ? json(nullptr) : json(drop.covered_by)},
                                       {"size_bytes", drop.index.size_bytes},
                                       {"reason", drop.reason},
                                       {"ddl", drop.ddl},
                                       {"caveats", drop.caveats}});
  out["findings"] = findings_to_json(advice.findings);
  for (size_t i = 0; i < advice.findings.size(); ++i) out["findings"][i]["origins"] = origins.of(advice.findings[i].templates, true);
  out["sessions"] = session_summaries_to_json(advice.sessions);
  out["rewrites"] = json::array();
  for (const auto& rewrite : advice.rewrites) out["rewrites"].push_back(rewrite_json(rewrite));
  out["diagnostics"] = json::array();
  for (const auto& diagnostic : advice.diagnostics) out["diagnostics"].push_back(diagnostic_json(diagnostic));
  if (advice.baseline) out["baseline"] = *advice.baseline;
  return out;
}

}  // namespace pgadvisor
