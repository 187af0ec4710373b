#include "advisor/selection/index_verification.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

#include "advisor/rewrites/rewrite_fix.hpp"
#include "plans/plan/plan_tree.hpp"
#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

// A read template the advice changes: an index serves it, or a rewrite replaces it.
struct Subject {
  const TemplateAdvice* entry = nullptr;
  const RewriteAdvice* rewrite = nullptr;
  Timing before, after;
  bool measured_before = false;
  bool measured = false;  // before and after
};

bool measurable(const TemplateAdvice& entry) {
  bool ran = entry.replay.status == ReplayStatus::Analyzed || entry.replay.status == ReplayStatus::TimedOut;
  return ran && entry.tmpl.statement_class.kind == StatementKind::Select;
}

std::map<std::string, Subject> subjects_of(const Advice& advice) {
  std::map<std::string, const TemplateAdvice*> by_fingerprint;
  for (const auto& entry : advice.templates)
    if (measurable(entry)) by_fingerprint[entry.tmpl.fingerprint] = &entry;
  std::map<std::string, Subject> subjects;
  for (const auto& proposal : advice.indexes)
    for (const auto& effect : proposal.templates)
      if (by_fingerprint.count(effect.fingerprint)) subjects[effect.fingerprint].entry = by_fingerprint[effect.fingerprint];
  for (const auto& rewrite : advice.rewrites)
    if (rewrite.verdict == RewriteVerdict::Proposed && by_fingerprint.count(rewrite.fingerprint)) {
      Subject& subject = subjects[rewrite.fingerprint];
      subject.entry = by_fingerprint[rewrite.fingerprint];
      subject.rewrite = &rewrite;
    }
  return subjects;
}

// A template that timed out in the replay is not run again: its time is the bound the rewrite
// stage measured, or the replay's.
Timing time_before(Transaction& tx, const Subject& subject, int runs, int timeout_ms) {
  const TemplateAdvice& entry = *subject.entry;
  if (entry.replay.status == ReplayStatus::TimedOut) {
    if (subject.rewrite) return {subject.rewrite->before_ms, subject.rewrite->before_is_lower_bound, ""};
    return {entry.replay.lower_bound_ms.value_or(0), true, ""};
  }
  return time_statement(tx, entry.tmpl.sample, runs, timeout_ms);
}

Timing time_after(Transaction& tx, const Subject& subject, int runs, int timeout_ms) {
  if (subject.rewrite) return time_recommended_fix(tx, *subject.rewrite, subject.entry->tmpl, runs, timeout_ms);
  bool slow = subject.entry->replay.status == ReplayStatus::TimedOut;
  return time_statement(tx, subject.entry->tmpl.sample, slow ? 1 : runs, timeout_ms);
}

std::vector<std::string> create_indexes(Transaction& tx, const Advice& advice, std::vector<std::string>& notes) {
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

void measure_created(Transaction& tx, const std::vector<std::string>& created, VerificationSummary& summary,
                     std::vector<std::string>& notes) {
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
}

// The whole log's replayed time: every template with a time, at the log's calls; those the
// advice changes at their measured times before and after.
void sum_log(const Advice& advice, const std::map<std::string, Subject>& subjects, VerificationSummary& summary) {
  for (const auto& entry : advice.templates) {
    const double calls = static_cast<double>(entry.tmpl.calls);
    auto subject = subjects.find(entry.tmpl.fingerprint);
    if (subject != subjects.end() && subject->second.measured) {
      summary.log_before_ms += calls * subject->second.before.ms;
      summary.log_after_ms += calls * subject->second.after.ms;
      summary.log_before_is_lower_bound |= subject->second.before.lower_bound;
      summary.log_after_is_lower_bound |= subject->second.after.lower_bound;
      ++summary.log_templates;
      continue;
    }
    std::optional<double> ms = entry.replay.median_ms();
    bool bound = !ms && entry.replay.lower_bound_ms;
    if (bound) ms = entry.replay.lower_bound_ms;
    if (!ms) continue;
    summary.log_before_ms += calls * *ms;
    summary.log_after_ms += calls * *ms;
    summary.log_before_is_lower_bound |= bound;
    summary.log_after_is_lower_bound |= bound;
    ++summary.log_templates;
  }
}

}  // namespace

Verification verify_proposals(Session& session, int runs, int timeout_ms, const Advice& advice) {
  Verification out;
  out.indexes = advice.indexes;
  VerificationSummary& summary = out.summary;
  bool rewrites = std::any_of(advice.rewrites.begin(), advice.rewrites.end(),
                              [](const RewriteAdvice& r) { return r.verdict == RewriteVerdict::Proposed; });
  if (advice.indexes.empty() && !rewrites) {
    summary.note = "nothing to verify: no index or rewrite proposed";
    return out;
  }
  auto subjects = subjects_of(advice);
  std::vector<std::string> notes;
  session.replayed(TransactionMode::ReadWrite, [&](Transaction& tx) {
    for (auto& [fingerprint, subject] : subjects) {
      try {
        subject.before = time_before(tx, subject, runs, timeout_ms);
        subject.measured_before = true;
      } catch (const DatabaseError& error) {  // measured templates keep their figures
        notes.push_back("template " + fingerprint + " not measured: " + error.what());
      }
    }
    std::vector<std::string> created;
    tx.as_login([&] { created = create_indexes(tx, advice, notes); });  // the owner builds indexes, not the replay role
    measure_created(tx, created, summary, notes);
    for (auto& [fingerprint, subject] : subjects) {
      if (!subject.measured_before) continue;
      try {
        subject.after = time_after(tx, subject, runs, timeout_ms);
        subject.measured = true;
        if (subject.rewrite) ++summary.rewrites_applied;
      } catch (const DatabaseError& error) {
        notes.push_back("template " + fingerprint + " not measured with the advice applied: " + error.what());
      }
    }
  });
  for (auto& proposal : out.indexes)
    for (auto& effect : proposal.templates) {
      auto subject = subjects.find(effect.fingerprint);
      if (subject == subjects.end() || !subject->second.measured || subject->second.before.lower_bound) continue;
      effect.verified_before_ms = subject->second.before.ms;
      effect.verified_after_ms = subject->second.after.ms;
      effect.verified_plan_after = subject->second.after.plan;
    }
  for (const auto& [fingerprint, subject] : subjects) {
    if (!subject.measured) continue;
    summary.before_ms += subject.before.ms;
    summary.after_ms += subject.after.ms;
    summary.weighted_before_ms += static_cast<double>(subject.entry->tmpl.calls) * subject.before.ms;
    summary.weighted_after_ms += static_cast<double>(subject.entry->tmpl.calls) * subject.after.ms;
    ++summary.templates;
  }
  sum_log(advice, subjects, summary);
  summary.ran = true;
  for (const auto& proposal : advice.indexes)
    for (const auto& effect : proposal.templates)
      if (effect.fingerprint.find("/step") != std::string::npos) {
        notes.push_back(proposal.candidate.name() + " serves a rewrite's step: measured as part of the rewritten template");
        break;
      }
  for (const auto& note : notes) summary.note += (summary.note.empty() ? "" : "; ") + note;
  return out;
}

}  // namespace pgadvisor
