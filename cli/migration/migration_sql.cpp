#include "cli/migration/migration_sql.hpp"

#include <fmt/format.h>

#include <cctype>

#include "advisor/findings/sql_gist.hpp"
#include "plans/text_format.hpp"

namespace pgadvisor {
namespace {

// The template a fingerprint names, with its rank in the report ("3", or "3 step 2" for a
// rewrite's step); nullptr when the advice does not hold it.
const QueryTemplate* find_template(const Advice& advice, const std::string& fingerprint, std::string& rank) {
  size_t slash = fingerprint.find("/step");
  std::string base = fingerprint.substr(0, slash);
  rank = "?";
  for (size_t i = 0; i < advice.templates.size(); ++i)
    if (advice.templates[i].tmpl.fingerprint == base)
      rank = std::to_string(i + 1) + (slash == std::string::npos ? "" : " step " + fingerprint.substr(slash + 5));
  const auto& pool = slash == std::string::npos ? advice.templates : advice.rewrite_steps;
  for (const auto& entry : pool)
    if (entry.tmpl.fingerprint == fingerprint) return &entry.tmpl;
  return nullptr;
}

std::string time_figure(double per_log_ms, const std::optional<double>& per_day) {
  std::string text = fmt::format("{} over the log", human_ms(per_log_ms));
  if (per_day) text += fmt::format(" ({} a day at the log's rate)", human_ms(per_log_ms * *per_day));
  return text;
}

std::string header(const Advice& advice) {
  std::string logs;
  for (const auto& log : advice.logs) logs += (logs.empty() ? "" : ", ") + log;
  std::string out = "pgadvisor audit --migration sql: the indexes proposed for the workload of " +
                    (logs.empty() ? std::string("the audit") : logs) + fmt::format(" ({} statement(s))", advice.statements);
  out += " on " + (advice.database.empty() ? std::string("the default database") : advice.database) +
         (advice.server_version ? fmt::format(" (server {})", advice.server_version) : "") + ".";
  std::string text = comment_lines("-- ", out);
  text += comment_lines(
      "-- ",
      "Run it with psql outside a transaction block (psql -v ON_ERROR_STOP=1 -f FILE, without "
      "--single-transaction): CREATE INDEX CONCURRENTLY cannot run inside one. It builds each index without "
      "blocking the table's writes. An index on a partitioned table is a plain CREATE INDEX (PostgreSQL cannot "
      "build those concurrently), which blocks writes to each partition while it builds.");
  text += comment_lines(
      "-- ", fmt::format("lock_timeout = '{}': a build that waits longer for a lock (a long transaction on the table) "
                         "fails rather than queue behind it; statement_timeout = 0: a build may take long. Raise "
                         "lock_timeout below if builds keep failing on a busy server.",
                         kMigrationLockTimeout));
  text += comment_lines(
      "-- ", "A build that fails (lock timeout, cancel, a duplicate in a unique index) leaves an INVALID index "
             "behind, which IF NOT EXISTS would then skip: find them, drop each, then run the file again (the "
             "indexes already built are skipped):");
  text += "--   SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid;\n"
          "--   DROP INDEX CONCURRENTLY IF EXISTS <name>;\n";
  text += comment_lines("-- ",
                        fmt::format("Index names are at most {} characters and the same as `--migration django` "
                                    "gives, so either file creates the same indexes.",
                                    kIndexNameMax));
  return text;
}

}  // namespace

std::vector<std::string> proposal_reasons(const Advice& advice, const IndexProposal& proposal) {
  std::vector<std::string> lines;
  lines.push_back(fmt::format("saves {}; write cost {}; size {}", time_figure(proposal.saved_ms, advice.selection.per_day),
                              human_ms(proposal.write_ms), human_bytes(proposal.size_bytes)));
  for (const auto& effect : proposal.templates) {
    std::string rank;
    const QueryTemplate* tmpl = find_template(advice, effect.fingerprint, rank);
    std::string sql = tmpl ? one_line(compact_sql(tmpl->normalized_sql), 120) : "(template " + effect.fingerprint + ")";
    lines.push_back(fmt::format("template #{} ({} calls, saves {}): {}", rank, effect.calls, human_ms(effect.saved_ms), sql));
  }
  return lines;
}


std::string sql_migration(const Advice& advice) {
  std::string out = header(advice);
  if (advice.indexes.empty()) {
    out += "\n-- No index proposed: no candidate lowers a template's cost enough.\n";
  } else {
    const SelectionSummary& s = advice.selection;
    out += "\n" + comment_lines("-- ", fmt::format("{} index(es), {} in all, saving {} net of write costs.",
                                                    advice.indexes.size(), human_bytes(s.total_size_bytes),
                                                    time_figure(s.net_ms, s.per_day)));
  }
  if (!advice.indexes.empty())
    out += fmt::format("\nSET lock_timeout = '{}';\nSET statement_timeout = 0;\n", kMigrationLockTimeout);
  for (size_t i = 0; i < advice.indexes.size(); ++i) {
    const IndexProposal& proposal = advice.indexes[i];
    out += "\n" + comment_lines("-- ", fmt::format("{}. {}", i + 1, proposal.candidate.key()));
    for (const auto& reason : proposal_reasons(advice, proposal)) out += comment_lines("--    ", reason);
    out += proposal.candidate.ddl() + "\n";
  }
  if (!advice.indexes.empty()) out += "\nRESET statement_timeout;\nRESET lock_timeout;\n";
  if (!advice.drops.empty()) {
    out += "\n" + comment_lines("-- ",
                                "Existing indexes the workload does not need, commented out: the log is the only "
                                "evidence, so check pg_stat_user_indexes on every server (replicas included) first.");
    for (const auto& drop : advice.drops) {
      out += "\n" + comment_lines("-- ", drop.reason);
      for (const auto& caveat : drop.caveats) out += comment_lines("--   note: ", caveat);
      out += "-- " + one_line(drop.ddl, std::string::npos) + "\n";
    }
  }
  return out;
}

}  // namespace pgadvisor
