#include "plans/workload/statement_filter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace pgadvisor {
namespace {

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "" : ", ") + value;
  return out;
}

// What a source is called in a message.
std::string source_name(std::optional<LogFormat> format) {
  if (!format) return "pg_stat_statements";
  switch (*format) {
    case LogFormat::Django: return "the Django log";
    case LogFormat::DjangoJson: return "the Django JSON dump";
    case LogFormat::Sql: return "the SQL file";
    default: return "the log";
  }
}

}  // namespace

StatementFilter::StatementFilter(StatementFilterOptions options, std::string noun)
    : options_(std::move(options)), noun_(std::move(noun)) {
  own_wanted_ = contains(options_.applications, kOwnApplicationName);
}

bool StatementFilter::skip(Reason reason) {
  ++skipped_[reason];
  return false;
}

std::optional<bool> StatementFilter::passes(const LogTime& at, const LogTime& bound, bool since) {
  double when = at.wall_seconds, limit = bound.wall_seconds;
  if (bound.zone_state == ZoneState::Known) {  // an instant: the log's zone must be known
    if (!at.instant()) {
      ++unresolved_;
      unresolved_zone_ = at.zone.empty() ? "(none)" : at.zone;
      return std::nullopt;
    }
    when = *at.instant();
    limit = *bound.instant();
  }
  return since ? when >= limit : when < limit;
}

bool StatementFilter::keep(const Statement& statement) {
  // What the statement lacks is counted first, whatever skips it, so that end_source can tell a
  // source without the field from one where some statements lack it.
  ++seen_;
  struct Field {
    Reason reason;
    const std::vector<std::string>& wanted;
    const std::string& value;
  };
  const Field fields[] = {{Database, options_.databases, statement.database},
                          {User, options_.users, statement.user},
                          {Application, options_.applications, statement.application}};
  for (const Field& field : fields)
    if (!field.wanted.empty() && field.value.empty()) ++missing_[field.reason];
  const bool windowed = options_.since || options_.until;
  std::optional<LogTime> at;
  if (windowed && !statement.timestamp.empty()) at = parse_log_time(statement.timestamp);
  if (windowed && !at) ++missing_[Since];

  if (!own_wanted_ && (statement.application == kOwnApplicationName || is_own_query(statement.sql))) return skip(Own);
  for (const Field& field : fields)
    if (!field.wanted.empty() && !contains(field.wanted, field.value)) return skip(field.reason);
  if (!windowed) return true;
  if (!at) return skip(options_.since ? Since : Until);
  if (options_.since && passes(*at, *options_.since, true) != true) return skip(Since);
  if (options_.until && passes(*at, *options_.until, false) != true) return skip(Until);
  return true;
}

Diagnostics StatementFilter::end_source(const std::string& source, std::optional<LogFormat> format) {
  Diagnostics out;
  const std::string name = source_name(format);
  const bool stderr_log = format == LogFormat::Stderr || format == LogFormat::Auto;
  const std::string window = options_.since && options_.until ? "--since/--until"
                             : options_.since                 ? "--since"
                                                              : "--until";
  struct Field {
    Reason reason;
    std::string option, field, escape;
  };
  for (const Field& field : {Field{Database, "--database", "database", "%d"}, Field{User, "--user", "user", "%u"},
                             Field{Application, "--application", "application_name", "%a"},
                             Field{Since, window, "time", "%m"}}) {
    const long long missing = missing_[field.reason];
    if (missing == 0) continue;
    const std::string what = field.reason == Since ? "the window" : "the filter";
    if (missing == seen_) {
      out.push_back({source, 0,
                     fmt::format("{}: {} has no {}{}; {} cannot apply: its {} {} are skipped", field.option, name,
                                 field.field,
                                 stderr_log ? fmt::format(" (is {} in its log_line_prefix?)", field.escape) : "",
                                 what, missing, noun_),
                     ""});
    } else if (field.reason != Application) {  // an empty application_name is a value like another
      out.push_back({source, 0,
                     fmt::format("{}: {} {} carry no {}; {} cannot apply to them: skipped", field.option, missing,
                                 noun_, field.field, what),
                     ""});
    }
  }
  if (unresolved_ > 0)
    out.push_back({source, 0,
                   fmt::format("{}: the log's time zone '{}' is ambiguous or unknown to pgadvisor, so a time with a "
                               "zone cannot be compared with it: {} {} skipped (give the time without a zone to "
                               "compare with the log's own clock)",
                               window, unresolved_zone_, unresolved_, noun_),
                   ""});
  seen_ = 0;
  missing_ = {};
  unresolved_ = 0;
  return out;
}

Diagnostics StatementFilter::summary() const {
  Diagnostics out;
  auto line = [&](std::string message) { out.push_back({"filters", 0, std::move(message), ""}); };
  if (skipped_[Own] > 0)
    line(fmt::format("{} {} of pgadvisor's own skipped ({})", skipped_[Own], noun_,
                     noun_ == "statements" ? "application_name pgadvisor or a /* pgadvisor */ comment"
                                           : "a /* pgadvisor */ comment"));
  const std::pair<Reason, std::string> options[] = {
      {Database, "--database " + joined(options_.databases)},
      {User, "--user " + joined(options_.users)},
      {Application, "--application " + joined(options_.applications)},
      {Since, "--since " + options_.since_text},
      {Until, "--until " + options_.until_text}};
  for (const auto& [reason, option] : options)
    if (skipped_[reason] > 0) line(fmt::format("{} {} skipped by {}", skipped_[reason], noun_, option));
  return out;
}

}  // namespace pgadvisor
