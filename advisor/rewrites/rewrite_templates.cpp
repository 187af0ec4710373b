#include "advisor/rewrites/rewrite_templates.hpp"

#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

TemplateAdvice step_template(const TemplateAdvice& original, const std::string& sql,
                             const std::vector<StatementParam>& params, const std::string& suffix) {
  TemplateAdvice step;
  step.tmpl.fingerprint = original.tmpl.fingerprint + suffix;
  step.tmpl.normalized_sql = normalize_sql(sql);
  step.tmpl.calls = original.tmpl.calls;
  step.tmpl.sample = original.tmpl.sample;
  step.tmpl.sample.sql = sql;
  step.tmpl.sample.params = params;
  ParsedSql parsed = parse_sql(sql);
  step.tmpl.statement_class = classify_statement(parsed);
  step.tmpl.facts = extract_query_facts(parsed);
  step.replay.status = ReplayStatus::Explained;  // timed as a step, not replayed: its time scale is borrowed
  step.replay.reason = "a step of a proposed rewrite";
  return step;
}

}  // namespace

RewriteSteps rewrite_steps(const std::vector<RewriteAdvice>& rewrites, const std::vector<TemplateAdvice>& templates) {
  RewriteSteps out;
  for (const auto& rewrite : rewrites) {
    if (rewrite.verdict != RewriteVerdict::Proposed) continue;
    if (rewrite.recommended == "work_mem") continue;  // the statement stays: indexes are advised for it
    const RewriteAlternative* exists = nullptr;
    for (const auto& alternative : rewrite.alternatives)
      if (alternative.kind == "not_exists" && rewrite.recommended == "not_exists") exists = &alternative;
    for (const auto& entry : templates) {
      if (entry.tmpl.fingerprint != rewrite.fingerprint || entry.superseded_by_rewrite ||
          !out.superseded.insert(entry.tmpl.fingerprint).second)
        continue;
      if (exists) {
        out.steps.push_back(step_template(entry, exists->sql, exists->params, "/step1"));
        continue;
      }
      out.steps.push_back(step_template(entry, rewrite.steps.at(0), rewrite.step1_params, "/step1"));
      out.steps.push_back(step_template(entry, rewrite.step2_array_sql, rewrite.step2_params, "/step2"));
    }
  }
  return out;
}

}  // namespace pgadvisor
