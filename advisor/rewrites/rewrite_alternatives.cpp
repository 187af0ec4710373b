#include "advisor/rewrites/rewrite_alternatives.hpp"

#include <fmt/format.h>

#include "advisor/rewrites/rewrite_timing.hpp"

namespace pgadvisor {
namespace {

// Times within 25% (and 1 ms) of each other are a tie: run-to-run noise must not flip the advice.
constexpr double kTieFactor = 1.25;
constexpr double kTieMs = 1.0;

// `Model.objects.filter(...)` and the listed column, read back from the id list's Django form
// ("ids = list(<queryset>.values_list("col", flat=True))"); empty when it has no such line.
std::pair<std::string, std::string> queryset_of(const std::string& list_form) {
  const std::string start = "ids = list(", values = ".values_list(\"";
  size_t from = list_form.find(start), to = list_form.find(values);
  if (from == std::string::npos || to == std::string::npos || to < from) return {};
  size_t column_end = list_form.find('"', to + values.size());
  if (column_end == std::string::npos) return {};
  return {list_form.substr(from + start.size(), to - from - start.size()),
          list_form.substr(to + values.size(), column_end - to - values.size())};
}

std::string exists_django(const AlternativeInputs& inputs) {
  auto [queryset, column] = queryset_of(inputs.django_list_form);
  std::string outer = inputs.in.outer_expression.substr(inputs.in.outer_expression.find_last_of('.') + 1);
  if (queryset.empty()) return "";
  std::string lines;
  for (size_t start = 0, end; start < inputs.django_list_form.size(); start = end + 1) {
    end = inputs.django_list_form.find('\n', start);
    if (end == std::string::npos) end = inputs.django_list_form.size();
    std::string line = inputs.django_list_form.substr(start, end - start);
    if (line.rfind("from ", 0) == 0 || line.find("= apps.get_model(") != std::string::npos) lines += line + "\n";
  }
  return lines + "from django.db.models import Exists, OuterRef\n" +
         fmt::format("# then, instead of .exclude({0}__in=<queryset>): .filter(~Exists({1}.filter({2}=OuterRef(\"{0}\"))))\n",
                     outer, queryset, column);
}

}  // namespace

RewriteAlternative not_exists_alternative(Transaction& tx, const AlternativeInputs& inputs) {
  RewriteAlternative alternative;
  alternative.kind = "not_exists";
  alternative.note = "NOT EXISTS differs from NOT IN where NULLs are: NOT IN returns no row once the subquery "
                     "yields a NULL (and none whose tested value is NULL), NOT EXISTS ignores both";
  std::string why;
  auto step = exists_step(inputs.original.sql, inputs.in.index, why);
  if (!step) return alternative.comparison = "not built: " + why, alternative;
  alternative.sql = step->sql;
  alternative.django = exists_django(inputs);
  Statement rewritten = step_statement(*step, inputs.original);
  alternative.params = rewritten.params;
  try {
    Statement compared = rewritten;
    if (inputs.compare_without_limit) {
      auto unlimited = without_limit_step(step->sql, why);
      if (!unlimited) return alternative.comparison = "not compared: " + why, alternative;
      compared = step_statement(*unlimited, rewritten);
    }
    alternative.verified_equal = digest_result(tx, compared) == inputs.reference;
    alternative.comparison = inputs.compare_without_limit ? "all rows of both without the LIMIT" : "all rows of both";
    if (!inputs.hash_work_mem.empty())
      alternative.comparison += "; the original's with work_mem = " + inputs.hash_work_mem + ", so its subquery is hashed";
    if (!alternative.verified_equal) alternative.note += "; here the results differ";
    Timing timing = time_statement(tx, rewritten, inputs.runs, inputs.timeout_ms);
    alternative.ms = timing.ms;
    alternative.ms_is_lower_bound = timing.lower_bound;
  } catch (const DatabaseError& error) {
    alternative.verified_equal = false;
    alternative.comparison = unmeasured_reason(error);
  }
  return alternative;
}

std::optional<RewriteAlternative> work_mem_alternative(Transaction& tx, const AlternativeInputs& inputs) {
  if (inputs.hash_work_mem.empty()) return std::nullopt;
  RewriteAlternative alternative;
  alternative.kind = "work_mem";
  alternative.work_mem = inputs.hash_work_mem;
  alternative.sql = fmt::format("SET LOCAL work_mem = '{}';  -- in this statement's transaction only\n{}",
                                inputs.hash_work_mem, inputs.original.sql);
  alternative.django = fmt::format(
      "with transaction.atomic():\n    connection.cursor().execute(\"SET LOCAL work_mem = '{}'\")\n"
      "    rows = list(<the queryset>)  # SET LOCAL ends with the transaction\n",
      inputs.hash_work_mem);
  alternative.verified_equal = true;
  alternative.comparison = "the same statement: only its plan changes";
  try {
    with_setting(tx, "work_mem", inputs.hash_work_mem, [&] {
      Timing timing = time_statement(tx, inputs.original, inputs.runs, inputs.timeout_ms);
      alternative.ms = timing.ms;
      alternative.ms_is_lower_bound = timing.lower_bound;
      alternative.note = timing.plan.empty() ? "" : "its plan: " + timing.plan;
    });
  } catch (const DatabaseError& error) {
    alternative.verified_equal = false;
    alternative.comparison = unmeasured_reason(error);
  }
  return alternative;
}

std::string fastest_verified(const std::vector<RewriteAlternative>& alternatives, double before_ms) {
  auto usable = [&](const RewriteAlternative& a) { return a.verified_equal && !a.ms_is_lower_bound && a.ms < before_ms; };
  double fastest = -1;
  for (const auto& alternative : alternatives)
    if (usable(alternative) && (fastest < 0 || alternative.ms < fastest)) fastest = alternative.ms;
  if (fastest < 0) return "";
  // Within replay noise of the fastest, the simpler fix: one statement, then two, then a setting.
  for (const char* kind : {"not_exists", "id_list", "work_mem"})
    for (const auto& alternative : alternatives)
      if (alternative.kind == kind && usable(alternative) && alternative.ms <= fastest * kTieFactor + kTieMs) return kind;
  return "";
}

}  // namespace pgadvisor
