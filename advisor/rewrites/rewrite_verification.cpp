#include "advisor/rewrites/rewrite_verification.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "advisor/rewrites/django_rewrite_form.hpp"
#include "advisor/rewrites/rewrite_alternatives.hpp"
#include "advisor/rewrites/rewrite_timing.hpp"
#include "plans/pg/django_models.hpp"
#include "plans/pg/explain.hpp"
#include "plans/pg/materialized_result.hpp"
#include "plans/plan/subquery_share.hpp"
#include "plans/sql/in_subquery.hpp"

namespace pgadvisor {
namespace {

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
  Timing before;
  std::string hash_work_mem;  // lets PostgreSQL hash the subquery; empty when it does already
  ResultDigest reference;     // the original's rows, compared form, computed once per subquery
};

double step_ms(Context& context, const Statement& statement) {
  Timing timing = time_statement(context.tx, statement, context.options.runs, context.options.verify_timeout_ms);
  if (timing.lower_bound) throw DatabaseError("a step ran past --verify-timeout", "57014");
  return timing.ms;
}

void judge(RewriteAdvice& advice) {
  if (!advice.verified_equal) {
    advice.verdict = RewriteVerdict::NotEqual;
    advice.reason = "the results differ: " + advice.comparison;
  } else if (advice.after_ms >= advice.before_ms) {
    advice.verdict = RewriteVerdict::NotWorthIt;
    advice.reason = fmt::format("not faster: {:.2f} ms against {:.2f} ms", advice.after_ms, advice.before_ms);
  } else {
    advice.verdict = RewriteVerdict::Proposed;
  }
}

// One variant (constrained or not) of the rewrite of IN-subquery `in`, measured.
RewriteAdvice try_variant(Context& context, const InSubquery& in, bool constrain) {
  const Statement& original = context.entry.tmpl.sample;
  RewriteAdvice advice;
  advice.fingerprint = context.entry.tmpl.fingerprint;
  advice.kind = in.negated ? "not_in_subquery" : "in_subquery";
  advice.original_sql = original.sql;
  advice.constrained = constrain;
  advice.calls = context.entry.tmpl.calls;
  advice.before_ms = context.before.ms;
  advice.before_is_lower_bound = context.before.lower_bound;
  std::string why;
  auto step1 = materialize_step(original.sql, in.index, constrain, why);
  if (!step1) return advice.reason = why, advice;
  Statement materialize = step_statement(*step1, original);
  MaterializedList list = materialize_list(context.tx, materialize);
  advice.id_count = list.count;
  advice.ids_include_null = list.has_null;
  auto step2 = array_step(original.sql, in.index, list.element_type, why);
  if (!step2) return advice.reason = why, advice;
  Statement outer = step_statement(*step2, original, {list.array_text});
  advice.step2_array_sql = step2->sql;

  Statement compared_rewrite = outer;
  advice.comparison = "all rows of both, as multisets";
  if (in.outer_has_limit_without_order) {
    auto rewrite_all = without_limit_step(outer.sql, why);
    if (!rewrite_all) return advice.reason = why, advice;
    compared_rewrite = step_statement(*rewrite_all, outer);
    advice.comparison = "all rows of both without the LIMIT (it has no ORDER BY: any rows are a right answer)";
  }
  if (!context.hash_work_mem.empty())
    advice.comparison += fmt::format("; the original's with work_mem = {}, so its subquery is hashed", context.hash_work_mem);
  const ResultDigest& original_digest = context.reference;
  advice.verified_equal = original_digest == digest_result(context.tx, compared_rewrite);
  advice.step1_ms = step_ms(context, materialize);
  advice.step2_ms = step_ms(context, outer);
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
    Statement inline_bound = inline_step ? step_statement(*inline_step, original) : Statement{};
    if (inline_compared &&
        digest_result(context.tx, in.outer_has_limit_without_order ? step_statement(*inline_compared, inline_bound)
                                                                   : inline_bound) == original_digest) {
      advice.steps[1] = inline_step->sql;
      advice.list_form = "inline";
    }
  }
  if (list.count > context.options.large_list)
    advice.size_note = fmt::format("the list has {} ids: prefer the constrained subquery{}", list.count,
                                   in.negated ? " or NOT EXISTS (Django: ~Exists(...))" : " or EXISTS (Django: Exists(...))");
  judge(advice);
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

RewriteAdvice refused(const TemplateAdvice& entry, const InSubquery& in, const std::string& reason) {
  RewriteAdvice out;
  out.fingerprint = entry.tmpl.fingerprint;
  out.kind = in.negated ? "not_in_subquery" : "in_subquery";
  out.original_sql = entry.tmpl.sample.sql;
  out.calls = entry.tmpl.calls;
  out.reason = reason;
  return out;
}

// The original's rows in the form compared (all of them when its LIMIT has no ORDER BY), with
// the work_mem that hashes its subquery: the same rows, NULL semantics included, in a time
// that does not depend on the plain SubPlan that made it slow.
ResultDigest reference_digest(Context& context, const InSubquery& in) {
  const Statement& original = context.entry.tmpl.sample;
  Statement compared = original;
  if (in.outer_has_limit_without_order) {
    std::string why;
    auto all = without_limit_step(original.sql, why);
    if (!all) throw DatabaseError("the original without its LIMIT: " + why, "");
    compared = step_statement(*all, original);
  }
  ResultDigest digest;
  if (context.hash_work_mem.empty()) return digest_result(context.tx, compared);
  with_setting(context.tx, "work_mem", context.hash_work_mem, [&] { digest = digest_result(context.tx, compared); });
  return digest;
}

// The id list's figures as one alternative among the others.
RewriteAlternative list_alternative(const RewriteAdvice& list) {
  RewriteAlternative out;
  out.kind = "id_list";
  out.sql = list.steps.empty() ? "" : list.steps[0] + ";\n" + list.steps[1];
  out.django = list.django.value_or("");
  out.verified_equal = list.verified_equal;
  out.comparison = list.verified_equal || list.comparison.empty() ? list.comparison : list.reason;
  out.ms = list.after_ms;
  out.note = list.constrained ? "step 1 constrained by the outer query's other filters" : "";
  return out;
}

// The recommended fix becomes what the rewrite proposes: its statement, ORM form, time and
// comparison (the id list's own figures stay in `alternatives`, step1_ms, step2_ms, id_count).
void recommend(RewriteAdvice& advice) {
  advice.recommended = fastest_verified(advice.alternatives, advice.before_ms);
  for (const auto& alternative : advice.alternatives) {
    if (alternative.kind != advice.recommended || alternative.kind == "id_list") continue;
    advice.steps = {alternative.sql};
    advice.django = alternative.django.empty() ? std::nullopt : std::optional<std::string>(alternative.django);
    advice.list_form.clear();
    advice.size_note.clear();
    advice.after_ms = alternative.ms;
    advice.verified_equal = true;
    advice.comparison = alternative.comparison;
    advice.verdict = RewriteVerdict::Proposed;
    advice.reason = "";
  }
}

RewriteAdvice rewrite_one(Context& context, const InSubquery& in) {
  try {
    context.reference = reference_digest(context, in);
  } catch (const DatabaseError& error) {
    bool timeout = error.sqlstate() == "57014";
    return refused(context.entry, in,
                   timeout ? fmt::format("not verified: the original's rows could not be read within --verify-timeout "
                                         "({} ms){}", context.options.verify_timeout_ms,
                                         context.hash_work_mem.empty() ? "" : " even with work_mem = " + context.hash_work_mem)
                           : std::string("not verified: ") + error.what());
  }
  std::vector<bool> variants = in.constrainable ? std::vector<bool>{true, false} : std::vector<bool>{false};
  std::optional<RewriteAdvice> best;
  for (bool constrain : variants) {
    RewriteAdvice variant;
    try {
      variant = try_variant(context, in, constrain);
    } catch (const DatabaseError& error) {
      variant = refused(context.entry, in, unmeasured_reason(error));
      variant.before_ms = context.before.ms;
      variant.before_is_lower_bound = context.before.lower_bound;
    }
    if (!best || better(variant, *best)) best = std::move(variant);
  }
  RewriteAdvice advice = std::move(*best);
  if (!in.negated) return advice;
  advice.alternatives.push_back(list_alternative(advice));
  AlternativeInputs inputs{context.entry.tmpl.sample, in, context.reference, in.outer_has_limit_without_order,
                           context.hash_work_mem, context.options.runs, context.options.verify_timeout_ms,
                           advice.django.value_or("")};
  advice.alternatives.push_back(not_exists_alternative(context.tx, inputs));
  if (auto work_mem = work_mem_alternative(context.tx, inputs)) advice.alternatives.push_back(std::move(*work_mem));
  recommend(advice);
  return advice;
}

bool rewritable_template(const TemplateAdvice& entry) {
  bool ran = entry.replay.status == ReplayStatus::Analyzed || entry.replay.status == ReplayStatus::TimedOut;
  return ran && entry.tmpl.statement_class.kind == StatementKind::Select;
}

// The original's time: the median of k runs, or for one that timed out in the replay one run
// under --verify-timeout; past it, the bound.
Timing time_original(Transaction& tx, const TemplateAdvice& entry, const RewriteOptions& options) {
  if (entry.replay.status != ReplayStatus::TimedOut)
    return time_statement(tx, entry.tmpl.sample, options.runs, options.verify_timeout_ms);
  double bound = entry.replay.lower_bound_ms.value_or(0);
  if (options.verify_timeout_ms <= bound) return {bound, true, ""};
  return time_statement(tx, entry.tmpl.sample, 1, options.verify_timeout_ms);
}

}  // namespace

std::vector<RewriteAdvice> advise_rewrites(Session& session, const std::vector<TemplateAdvice>& templates,
                                           const RewriteOptions& options) {
  std::vector<RewriteAdvice> out;
  session.replayed(TransactionMode::ReadOnly, [&](Transaction& tx) {
    std::vector<DjangoModel> models = read_django_models(tx);
    for (const auto& entry : templates) {
      if (!rewritable_template(entry)) continue;
      auto found = find_in_subqueries(entry.tmpl.sample.sql);
      if (found.empty()) continue;
      Context context{tx, entry, options, models, {}, "", {}};
      std::optional<SubqueryShare> share = entry.replay.plan ? subquery_share(*entry.replay.plan) : std::nullopt;
      if (entry.replay.plan) {
        long long kb = hashing_work_mem_kb(*entry.replay.plan);
        if (kb > 0) context.hash_work_mem = work_mem_text(kb);
      }
      try {
        context.before = time_original(tx, entry, options);
      } catch (const DatabaseError& error) {  // an error here leaves the other templates' rewrites
        out.push_back(refused(entry, found.front(), std::string("the original could not be timed: ") + error.what()));
        continue;
      }
      for (const auto& in : found) {
        if (!in.not_rewritable.empty()) {
          out.push_back(refused(entry, in, in.not_rewritable));
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
