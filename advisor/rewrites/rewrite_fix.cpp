#include "advisor/rewrites/rewrite_fix.hpp"

#include "plans/pg/materialized_result.hpp"

namespace pgadvisor {
namespace {

Statement statement_of(const QueryTemplate& tmpl, const std::string& sql, std::vector<StatementParam> params) {
  Statement out = tmpl.sample;
  out.sql = sql;
  out.params = std::move(params);
  return out;
}

Timing sum(const Timing& a, const Timing& b) {
  return {a.ms + b.ms, a.lower_bound || b.lower_bound, a.plan + " ; " + b.plan};
}

}  // namespace

Timing time_recommended_fix(Transaction& tx, const RewriteAdvice& rewrite, const QueryTemplate& tmpl, int runs,
                            int timeout_ms) {
  for (const auto& alternative : rewrite.alternatives) {
    if (alternative.kind != rewrite.recommended) continue;
    if (alternative.kind == "not_exists")
      return time_statement(tx, statement_of(tmpl, alternative.sql, alternative.params), runs, timeout_ms);
    if (alternative.kind == "work_mem") {
      Timing timing;
      with_setting(tx, "work_mem", alternative.work_mem, [&] { timing = time_statement(tx, tmpl.sample, runs, timeout_ms); });
      return timing;
    }
  }
  // the id list (recommended, or a rewrite measured before alternatives existed)
  Statement step1 = statement_of(tmpl, rewrite.steps.at(0), rewrite.step1_params);
  MaterializedList list = materialize_list(tx, step1);
  std::vector<StatementParam> params = rewrite.step2_params;
  if (!params.empty()) params.back() = list.array_text;
  Statement step2 = statement_of(tmpl, rewrite.step2_array_sql, params);
  return sum(time_statement(tx, step1, runs, timeout_ms), time_statement(tx, step2, runs, timeout_ms));
}

}  // namespace pgadvisor
