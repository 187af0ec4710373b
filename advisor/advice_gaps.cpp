#include "advisor/advice_gaps.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace pgadvisor {
namespace {

std::string quoted(const std::string& identifier) {
  std::string out = "\"";
  for (char c : identifier) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// "schema.name" or "name", as the parse tree names it, quoted for to_regclass.
std::string regclass_text(const std::string& qualified) {
  size_t dot = qualified.find('.');
  if (dot == std::string::npos) return quoted(qualified);
  return quoted(qualified.substr(0, dot)) + "." + quoted(qualified.substr(dot + 1));
}

bool replayable(const TemplateAdvice& entry) { return entry.replay.status != ReplayStatus::Refused; }

std::string listed(const std::vector<std::string>& names, size_t at_most) {
  std::string text;
  for (size_t i = 0; i < names.size() && i < at_most; ++i) text += (i ? ", " : "") + names[i];
  if (names.size() > at_most) text += fmt::format(" and {} more", names.size() - at_most);
  return text;
}

std::vector<AdviceGap> with_relations_and_whatif(std::vector<AdviceGap> gaps, const Advice& advice,
                                                 const RelationCheck& relations, const std::string& database) {
  if (relations.checked && relations.named > 0 && relations.missing.size() * 2 > relations.named)
    gaps.push_back({GapKind::Advice,
                    fmt::format("{} of the {} relations the log names do not exist in {}: {}", relations.missing.size(),
                                relations.named, database, listed(relations.missing, 5)),
                    "point --db at the database the log was captured on (its schema, ideally a copy of its data)"});
  if (!advice.selection.unavailable.empty())
    gaps.push_back({GapKind::Advice, "index advice could not be computed: " + advice.selection.unavailable,
                    advice.selection.hypopg_missing
                        ? "install hypopg on the server and run CREATE EXTENSION hypopg in this database as a role "
                          "allowed to (or audit as such a role)"
                        : "see the diagnostics; the what-if search runs again with the next audit"});
  return gaps;
}

}  // namespace

RelationCheck check_relations(Transaction& tx, const Advice& advice) {
  std::set<std::string> names;
  for (const auto& entry : advice.templates)
    if (replayable(entry))
      for (const auto& name : entry.tmpl.facts.table_names()) names.insert(name);
  RelationCheck check;
  check.checked = true;
  check.named = names.size();
  for (const auto& name : names) {
    try {
      Rows rows = tx.query_in_savepoint("SELECT to_regclass($1) IS NULL", {regclass_text(name)});
      if (!rows.empty() && rows[0][0].value_or("f") == "t") check.missing.push_back(name);
    } catch (const DatabaseError& error) {  // a schema the login may not use: it exists, the replay said more
      if (is_connection_lost(error.sqlstate()) || error.sqlstate() == "57014") throw;
    }
  }
  return check;
}

std::vector<AdviceGap> advice_gaps(const Advice& advice, const RelationCheck& relations) {
  std::vector<AdviceGap> gaps;
  const std::string database = advice.database.empty() ? "the database" : advice.database;
  if (advice.server_lost)
    gaps.push_back({GapKind::Connection,
                    fmt::format("the connection to the server was lost during the replay and could not be opened "
                                "again: {} of {} templates were not replayed",
                                advice.not_replayed, advice.templates.size()),
                    "start the server again and run the same command with --resume: it continues where this run "
                    "stopped"});
  for (const auto& stage : advice.stages)
    if (stage.outcome == StageOutcome::Failed)
      gaps.push_back({advice.connection_failed ? GapKind::Connection : GapKind::Advice,
                      fmt::format("the {} stage failed: {}", stage.name, stage.error),
                      "check that the database is reachable and the role may read it; the diagnostics say more"});
  if (advice.statements == 0) {
    gaps.push_back({GapKind::Advice, "no statement was read from the logs",
                    "check the --log paths and --log-format (the diagnostics say what could not be read), or "
                    "capture a log with the application's queries"});
    return gaps;
  }
  if (advice.partial_workload)
    gaps.push_back({GapKind::Advice, "the saved workload is partial: its replay was interrupted or lost its server",
                    "finish it with `pgadvisor replay --resume` (same logs and options), then audit it again"});
  // Ctrl-C or a lost server already say why samples are missing: no guess about the database
  if (advice.interrupted || advice.server_lost) return with_relations_and_whatif(gaps, advice, relations, database);
  size_t tried = 0, failed = 0, planned = 0;
  for (const auto& entry : advice.templates) {
    if (!replayable(entry)) continue;
    ++tried;
    if (has_usable_plan(entry.replay)) ++planned;
    else if (entry.replay.status == ReplayStatus::Failed) ++failed;
  }
  if (planned == 0 && !advice.interrupted) {
    if (tried == 0)
      gaps.push_back({GapKind::Advice,
                      fmt::format("none of the {} templates of the log can be replayed: all are DDL, utility or "
                                  "transaction statements, which are never run",
                                  advice.templates.size()),
                      "audit a log of the application's queries (SELECT, INSERT, UPDATE, DELETE)"});
    else
      gaps.push_back({GapKind::Advice, fmt::format("none of the {} templates replayed could be planned", tried),
                      "see the diagnostics for each template's error"});
  } else if (tried > 0 && failed * 2 > tried) {
    gaps.push_back({GapKind::Advice, fmt::format("{} of {} templates failed to replay", failed, tried),
                    "see the diagnostics; is " + database + " the database the log was captured on?"});
  }
  return with_relations_and_whatif(gaps, advice, relations, database);
}

}  // namespace pgadvisor
