#include "advisor/rewrite_verification.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "advisor/django_rewrite_form.hpp"
#include "plans/pg/django_models.hpp"
#include "plans/pg/explain.hpp"
#include "plans/pg/materialized_result.hpp"
#include "plans/plan/subquery_share.hpp"
#include "plans/sql/in_subquery.hpp"

namespace pgadvisor {
namespace {

Statement with_params(const RewrittenStatement& step, const Statement& original, const std::vector<StatementParam>& extra = {}) {
  Statement out = original;
  out.sql = step.sql;
  out.params.clear();
  for (int number : step.params)
    out.params.push_back(number >= 1 && static_cast<size_t>(number) <= original.params.size()
                             ? original.params[static_cast<size_t>(number) - 1]
                             : StatementParam{});
  out.params.insert(out.params.end(), extra.begin(), extra.end());
  return out;
}

double median_ms(Transaction& tx, const Statement& statement, int runs) {
  std::vector<double> times;
  for (int run = 0; run < std::max(runs, 1); ++run) {
    Plan plan = parse_explain_json(explain_statement(tx, statement, ExplainMode::Analyze, true));
    times.push_back(plan.execution_ms.value_or(0) + plan.planning_ms.value_or(0));
  }
  std::sort(times.begin(), times.end());
  return times[(times.size() - 1) / 2];
}

std::string last_name(const std::string& expression) {
  std::string name = expression.substr(expression.find_last_of('.') == std::string::npos ? 0 : expression.find_last_of('.') + 1);
  name.erase(std::remove(name.begin(), name.end(), '"'), name.end());
  return name;
}

struct Context {
  Transaction& tx;
  const TemplateAdvice& entry;
  const RewriteOptions& options;
  const std::vector<DjangoModel>& models;
  double before_ms = 0;
};

// One variant (constrained or not) of the rewrite of IN-subquery `in`, measured.
RewriteAdvice try_variant(Context& context, const InSubquery& in, bool constrain) {
  const Statement& original = context.entry.tmpl.sample;
  RewriteAdvice advice;
  advice.fingerprint = context.entry.tmpl.fingerprint;
  advice.kind = in.negated ? "not_in_subquery" : "in_subquery";
  advice.original_sql = original.sql;
  advice.constrained = constrain;
  advice.calls = context.entry.tmpl.calls;
  advice.before_ms = context.before_ms;
  std::string why;
  auto step1 = materialize_step(original.sql, in.index, constrain, why);
  if (!step1) return advice.reason = why, advice;
  Statement materialize = with_params(*step1, original);
  MaterializedList list = materialize_list(context.tx, materialize);
  advice.id_count = list.count;
  advice.ids_include_null = list.has_null;
  auto step2 = array_step(original.sql, in.index, list.element_type, why);
  if (!step2) return advice.reason = why, advice;
  Statement outer = with_params(*step2, original, {list.array_text});
  advice.step2_array_sql = step2->sql;

  Statement compared_original = original, compared_rewrite = outer;
  advice.comparison = "all rows of both, as multisets";
  if (in.outer_has_limit_without_order) {
    auto original_all = without_limit_step(original.sql, why);
    auto rewrite_all = without_limit_step(outer.sql, why);
    if (!original_all || !rewrite_all) return advice.reason = why, advice;
    compared_original = with_params(*original_all, original);
    compared_rewrite = with_params(*rewrite_all, outer);
    advice.comparison = "all rows of both without the LIMIT (it has no ORDER BY: any rows are a right answer)";
  }
  ResultDigest original_digest = digest_result(context.tx, compared_original);
  advice.verified_equal = original_digest == digest_result(context.tx, compared_rewrite);
  advice.step1_ms = median_ms(context.tx, materialize, context.options.runs);
  advice.step2_ms = median_ms(context.tx, outer, context.options.runs);
  advice.after_ms = advice.step1_ms + advice.step2_ms;

  advice.steps = {step1->sql, step2->sql};
  advice.step1_params = materialize.params;
  advice.step2_params = outer.params;
  advice.list_form = "array";
  if (list.count > 0 && list.count <= context.options.inline_limit) {
    auto inline_step = inline_list_step(original.sql, in.index, list_values(context.tx, materialize), list.element_type, why);
    std::optional<RewrittenStatement> inline_compared;
    if (inline_step)
      inline_compared = in.outer_has_limit_without_order ? without_limit_step(inline_step->sql, why) : inline_step;
    // The inline form is shown only when it, too, returns the original's rows.
    if (inline_compared &&
        digest_result(context.tx, with_params(*inline_compared, with_params(*inline_step, original))) == original_digest) {
      advice.steps[1] = inline_step->sql;
      advice.list_form = "inline";
    }
  }
  if (list.count > context.options.large_list)
    advice.size_note = fmt::format("the list has {} ids: prefer the constrained subquery{}", list.count,
                                   in.negated ? " or NOT EXISTS (Django: ~Exists(...))" : " or EXISTS (Django: Exists(...))");
  if (!advice.verified_equal) {
    advice.verdict = RewriteVerdict::NotEqual;
    advice.reason = "the results differ: " + advice.comparison;
  } else if (advice.after_ms >= advice.before_ms) {
    advice.verdict = RewriteVerdict::NotWorthIt;
    advice.reason = fmt::format("not faster: {:.2f} ms against {:.2f} ms", advice.after_ms, advice.before_ms);
  } else {
    advice.verdict = RewriteVerdict::Proposed;
  }
  std::string django_why;
  advice.django = django_materialize_form(in.subquery_sql, last_name(in.outer_expression), in.negated,
                                          context.models, django_why);
  advice.django_note = django_why;
  if (advice.django && constrain)
    *advice.django += "# (step 1 in SQL is narrower: it keeps only the ids the queryset's other filters can reach;\n"
                      "#  in the ORM: add <the listed field>__in=<queryset model>.objects.filter(<its other filters>)"
                      ".values(\"id\") to the filter)\n";
  return advice;
}

bool better(const RewriteAdvice& a, const RewriteAdvice& b) {
  auto rank = [](RewriteVerdict v) { return v == RewriteVerdict::Proposed ? 0 : v == RewriteVerdict::NotWorthIt ? 1 : 2; };
  if (rank(a.verdict) != rank(b.verdict)) return rank(a.verdict) < rank(b.verdict);
  return a.after_ms < b.after_ms;
}

RewriteAdvice rewrite_one(Context& context, const InSubquery& in) {
  std::vector<bool> variants = in.constrainable ? std::vector<bool>{true, false} : std::vector<bool>{false};
  std::optional<RewriteAdvice> best;
  for (bool constrain : variants) {
    RewriteAdvice variant;
    try {
      variant = try_variant(context, in, constrain);
    } catch (const DatabaseError& error) {
      variant.fingerprint = context.entry.tmpl.fingerprint;
      variant.original_sql = context.entry.tmpl.sample.sql;
      variant.kind = in.negated ? "not_in_subquery" : "in_subquery";
      variant.reason = std::string("the database refused it: ") + error.what();
    }
    if (!best || better(variant, *best)) best = std::move(variant);
  }
  return *best;
}

bool rewritable_template(const TemplateAdvice& entry) {
  return entry.replay.status == ReplayStatus::Analyzed && entry.tmpl.statement_class.kind == StatementKind::Select;
}

}  // namespace

std::vector<RewriteAdvice> advise_rewrites(Session& session, const Advice& advice, const RewriteOptions& options) {
  std::vector<RewriteAdvice> out;
  session.replayed(TransactionMode::ReadOnly, [&](Transaction& tx) {
    std::vector<DjangoModel> models = read_django_models(tx);
    for (const auto& entry : advice.templates) {
      if (!rewritable_template(entry)) continue;
      auto found = find_in_subqueries(entry.tmpl.sample.sql);
      if (found.empty()) continue;
      Context context{tx, entry, options, models};
      std::optional<SubqueryShare> share = entry.replay.plan ? subquery_share(*entry.replay.plan) : std::nullopt;
      try {
        context.before_ms = median_ms(tx, entry.tmpl.sample, options.runs);
      } catch (const DatabaseError& error) {  // a timeout here leaves the other templates' rewrites
        RewriteAdvice refused;
        refused.fingerprint = entry.tmpl.fingerprint;
        refused.kind = found.front().negated ? "not_in_subquery" : "in_subquery";
        refused.original_sql = entry.tmpl.sample.sql;
        refused.reason = std::string("the original could not be timed: ") + error.what();
        out.push_back(std::move(refused));
        continue;
      }
      for (const auto& in : found) {
        if (!in.not_rewritable.empty()) {
          RewriteAdvice refused;
          refused.fingerprint = entry.tmpl.fingerprint;
          refused.kind = in.negated ? "not_in_subquery" : "in_subquery";
          refused.original_sql = entry.tmpl.sample.sql;
          refused.reason = in.not_rewritable;
          refused.calls = entry.tmpl.calls;
          out.push_back(std::move(refused));
          continue;
        }
        out.push_back(rewrite_one(context, in));
        if (share && found.size() == 1) {  // with several subqueries the plan's share is not told apart
          out.back().subquery_form = share->form;
          out.back().subquery_rows = share->rows;
          out.back().subquery_ms = share->ms;
          out.back().plan_ms = share->plan_ms;
        }
      }
    }
  });
  return out;
}

}  // namespace pgadvisor
