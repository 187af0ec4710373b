#include "advisor/rewrites/rewrite_timing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "plans/pg/explain.hpp"
#include "plans/pg/measure_limits.hpp"
#include "plans/pg/replay_measure.hpp"

namespace pgadvisor {
namespace {

constexpr long long kBytesPerPlannedRow = 128;  // 4× the planner's own hash entry estimate for an int
constexpr long long kMaxWorkMemKb = 2047LL * 1024;  // under work_mem's maximum on every platform

bool is_timeout(const DatabaseError& error) { return error.sqlstate() == "57014"; }  // nothing else cancels here

}  // namespace

Timing time_statement(Transaction& tx, const Statement& statement, int runs, int timeout_ms) {
  try {
    MeasuredRuns measured =
        measure_median(runs, [&] { return explain_statement(tx, statement, ExplainMode::Analyze, true); });
    return {*measured.median_ms(), false, summarize_plan(parse_explain_json(measured.median_output))};
  } catch (const DatabaseError& error) {
    if (!is_timeout(error)) throw;
    return {static_cast<double>(timeout_ms), true, ""};
  }
}

std::string unmeasured_reason(const DatabaseError& error) {
  const bool budget = dynamic_cast<const MeasureBudgetExhausted*>(&error) != nullptr;  // nothing was refused
  return std::string(budget ? "not measured: " : "the database refused it: ") + error.what();
}

void with_setting(Transaction& tx, const std::string& setting, const std::string& value,
                  const std::function<void()>& body) {
  Rows old = tx.query_in_savepoint("SELECT current_setting($1)", {setting});
  const std::string previous = old.at(0).at(0).value_or("");
  tx.query_in_savepoint("SELECT set_config($1, $2, true)", {setting, value});
  try {
    body();
  } catch (...) {
    try {
      tx.query_in_savepoint("SELECT set_config($1, $2, true)", {setting, previous});
    } catch (const DatabaseError&) {  // the body's error is the one to report
    }
    throw;
  }
  tx.query_in_savepoint("SELECT set_config($1, $2, true)", {setting, previous});
}

long long hashing_work_mem_kb(const Plan& plan) {
  double rows = 0;
  for (const PlanNode* node : plan_nodes(plan))
    if (node->parent_relationship == "SubPlan") rows += node->plan_rows;
  if (rows <= 0 || !has_unhashed_subplan(plan)) return 0;
  long long kb = static_cast<long long>(rows) * kBytesPerPlannedRow / 1024 + 4096;
  return std::min(kb, kMaxWorkMemKb);
}

bool has_unhashed_subplan(const Plan& plan) {
  for (const PlanNode* node : plan_nodes(plan))
    for (const std::string* text : {&node->filter, &node->join_filter}) {
      for (size_t at = text->find("SubPlan"); at != std::string::npos; at = text->find("SubPlan", at + 1))
        if (at < 7 || text->compare(at - 7, 7, "hashed ") != 0) return true;
    }
  return false;
}

std::string work_mem_text(long long kb) { return fmt::format("{}MB", (kb + 1023) / 1024); }

}  // namespace pgadvisor
