// StatementFilter: narrows a shared server's log to some databases, users, applications and a
// time window (--database, --user, --application, --since, --until), and leaves out pgadvisor's
// own statements (application_name pgadvisor, or a text starting with /* pgadvisor */: a log
// without %a) unless --application pgadvisor asks for them.
//
// A statement is kept when it matches one of the values given for each option, and every
// option given. A statement whose source does not record the field an option filters on (a
// Django log has no user, pg_stat_statements no time) cannot be shown to match: it is skipped,
// never kept, and one diagnostic per source and option says that the filter cannot apply to it.
// --since keeps statements logged at or after its time, --until those logged before its time.
// A time given without a zone is the wall-clock time the log shows (read in the zone of each log
// timestamp; UTC for epoch timestamps); a time with a zone is compared as an instant, which needs
// the log's zone: when it cannot be resolved (an ambiguous abbreviation like CST) those statements
// are skipped, with a diagnostic. Every statement skipped is counted under the first option it
// fails; summary() gives one line per option that skipped any.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "plans/diagnostic.hpp"
#include "plans/log/log_format.hpp"
#include "plans/pg/own_session_tag.hpp"
#include "plans/statement.hpp"
#include "plans/workload/log_time.hpp"

namespace pgadvisor {

struct StatementFilterOptions {
  std::vector<std::string> databases, users, applications;
  std::optional<LogTime> since, until;
  std::string since_text, until_text;  // as given, for the messages
};

class StatementFilter {
 public:
  // `noun` names what is counted in the messages: "statements", or "entries" of pg_stat_statements.
  explicit StatementFilter(StatementFilterOptions options, std::string noun = "statements");

  // Whether to keep the statement; a statement skipped is counted.
  bool keep(const Statement& statement);
  // For a statement its caller knows to be pgadvisor's own (a pg_stat_statements entry whose
  // text carries pgadvisor's comment): true, and counted, when it is to be skipped.
  bool skip_own() {
    if (own_wanted_) return false;
    ++skipped_[Own];
    return true;
  }

  // Ends one source: a diagnostic for each option that could not apply to some of its
  // statements. `format` is the source's log format; nullopt for pg_stat_statements.
  Diagnostics end_source(const std::string& source, std::optional<LogFormat> format);

  // One line per option that skipped statements (source "filters").
  Diagnostics summary() const;

 private:
  enum Reason { Own, Database, User, Application, Since, Until, kReasons };
  // Whether the log time passes the bound; nullopt when the two cannot be compared.
  std::optional<bool> passes(const LogTime& at, const LogTime& bound, bool since);
  bool skip(Reason reason);

  StatementFilterOptions options_;
  std::string noun_;
  bool own_wanted_ = false;  // --application pgadvisor
  std::array<long long, kReasons> skipped_{};
  // Of the current source: its statements, and those missing each field (Since: the time).
  long long seen_ = 0;
  std::array<long long, kReasons> missing_{};
  long long unresolved_ = 0;
  std::string unresolved_zone_;
};

}  // namespace pgadvisor
