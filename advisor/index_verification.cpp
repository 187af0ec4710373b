#include "advisor/index_verification.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

#include "plans/pg/explain.hpp"
#include "plans/plan/plan_tree.hpp"
#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

struct Measured {
  double median_ms = 0;
  std::string plan;
};

Measured measure(Transaction& tx, const QueryTemplate& tmpl, int runs) {
  std::vector<double> times;
  Measured out;
  for (int run = 0; run < runs; ++run) {
    Plan plan = parse_explain_json(explain_statement(tx, tmpl.sample, ExplainMode::Analyze, true));
    times.push_back(plan.execution_ms.value_or(0));
    out.plan = summarize_plan(plan);
  }
  std::sort(times.begin(), times.end());
  out.median_ms = times[(times.size() - 1) / 2];
  return out;
}

std::map<std::string, const QueryTemplate*> measurable_templates(const Advice& advice) {
  std::map<std::string, const QueryTemplate*> by_fingerprint;
  for (const auto& entry : advice.templates)
    if (entry.replay.status == ReplayStatus::Analyzed && entry.tmpl.statement_class.kind == StatementKind::Select)
      by_fingerprint[entry.tmpl.fingerprint] = &entry.tmpl;
  std::map<std::string, const QueryTemplate*> served;
  for (const auto& proposal : advice.indexes)
    for (const auto& effect : proposal.templates)
      if (by_fingerprint.count(effect.fingerprint)) served[effect.fingerprint] = by_fingerprint[effect.fingerprint];
  return served;
}

std::vector<std::string> create_indexes(Transaction& tx, Advice& advice, std::vector<std::string>& notes) {
  std::vector<std::string> created;
  for (const auto& proposal : advice.indexes) {
    std::string name = proposal.candidate.name();
    try {
      tx.query_in_savepoint(fmt::format("CREATE INDEX {} ON {}", quote_identifier(name), proposal.candidate.key()));
      created.push_back(name);
    } catch (const DatabaseError& error) {
      notes.push_back(fmt::format("{} could not be created: {}", name, error.what()));
    }
  }
  return created;
}

}  // namespace

void verify_proposals(Session& session, int runs, Advice& advice) {
  VerificationSummary& summary = advice.verification;
  if (advice.indexes.empty()) {
    summary.note = "nothing to verify: no index proposed";
    return;
  }
  auto templates = measurable_templates(advice);
  std::vector<std::string> notes;
  std::map<std::string, Measured> before, after;
  session.replayed(TransactionMode::ReadWrite, [&](Transaction& tx) {
    for (const auto& [fingerprint, tmpl] : templates) {
      try {
        before[fingerprint] = measure(tx, *tmpl, runs);
      } catch (const DatabaseError& error) {  // measured templates keep their figures
        notes.push_back("template " + fingerprint + " not measured: " + error.what());
      }
    }
    std::vector<std::string> created;
    tx.as_login([&] { created = create_indexes(tx, advice, notes); });  // the owner builds indexes, not the replay role
    std::string names;  // generated names: letters, digits and underscores only
    for (const auto& name : created) names += (names.empty() ? "" : ",") + name;
    for (const auto& row : tx.query("SELECT c.relname, i.indcheckxmin, pg_relation_size(c.oid) FROM pg_index i "
                                    "JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ANY(string_to_array($1, ','))",
                                    {names})) {
      summary.created_size_bytes += std::stoll(row.at(2).value_or("0"));
      if (row.at(1).value_or("f") == "t")
        notes.push_back(fmt::format("{} is not usable inside this transaction yet (pg_index.indcheckxmin: the table "
                                    "has HOT chains); VACUUM the table or verify on a fresh copy",
                                    row.at(0).value_or("")));
    }
    for (const auto& [fingerprint, tmpl] : templates) {
      if (!before.count(fingerprint)) continue;
      try {
        after[fingerprint] = measure(tx, *tmpl, runs);
      } catch (const DatabaseError& error) {
        before.erase(fingerprint);
        notes.push_back("template " + fingerprint + " not measured with the indexes: " + error.what());
      }
    }
  });
  for (auto& proposal : advice.indexes)
    for (auto& effect : proposal.templates) {
      if (!before.count(effect.fingerprint)) continue;
      effect.verified_before_ms = before[effect.fingerprint].median_ms;
      effect.verified_after_ms = after[effect.fingerprint].median_ms;
      effect.verified_plan_after = after[effect.fingerprint].plan;
    }
  for (const auto& [fingerprint, tmpl] : templates) {
    if (!before.count(fingerprint)) continue;
    summary.before_ms += before[fingerprint].median_ms;
    summary.after_ms += after[fingerprint].median_ms;
    summary.weighted_before_ms += static_cast<double>(tmpl->calls) * before[fingerprint].median_ms;
    summary.weighted_after_ms += static_cast<double>(tmpl->calls) * after[fingerprint].median_ms;
  }
  summary.templates = before.size();
  summary.ran = true;
  for (const auto& proposal : advice.indexes)
    for (const auto& effect : proposal.templates)
      if (effect.fingerprint.find("/step") != std::string::npos) {
        notes.push_back(proposal.candidate.name() + " serves a rewrite's step, which --verify does not measure yet");
        break;
      }
  for (const auto& note : notes) summary.note += (summary.note.empty() ? "" : "; ") + note;
}

}  // namespace pgadvisor
