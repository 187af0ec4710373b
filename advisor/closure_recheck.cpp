#include "advisor/closure_recheck.hpp"

#include "plans/pg/execution_closure.hpp"

namespace pgadvisor {

void recheck_closures(Session& session, const std::vector<std::string>& trusted, std::vector<TemplateAdvice>& templates,
                      Diagnostics& diagnostics) {
  session.replayed(TransactionMode::ReadOnly, [&](Transaction& tx) {
    for (auto& entry : templates) {
      ReplayResult& replay = entry.replay;
      if (!has_usable_plan(replay)) continue;
      ClosureVerdict verdict = check_execution_closure(tx, entry.tmpl.sample.sql, trusted);
      if (verdict.risk == ClosureRisk::None) continue;
      if (verdict.risk == ClosureRisk::AtExecution && replay.status == ReplayStatus::Explained) continue;
      replay.lower_bound_ms.reset();
      replay.status = verdict.risk == ClosureRisk::AtPlanning ? ReplayStatus::Refused : ReplayStatus::Explained;
      replay.reason = verdict.reason;
      if (replay.status == ReplayStatus::Refused) replay.plan.reset();
      diagnostics.push_back({entry.tmpl.sample.source, entry.tmpl.sample.line,
                             "the saved workload's statement is not run again on this database: " + verdict.reason,
                             entry.tmpl.sample.sql});
    }
  });
}

}  // namespace pgadvisor
