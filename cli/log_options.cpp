#include "cli/log_options.hpp"

#include <algorithm>
#include <thread>

#include "plans/json_text.hpp"

#include <iostream>

#include "cli/option_checks.hpp"
#include "plans/output_file.hpp"
#include "plans/fatal_error.hpp"

namespace pgadvisor {

unsigned LogOptions::default_jobs() {
  return std::max(1u, std::min(std::thread::hardware_concurrency(), 256u));
}

void add_log_options(CLI::App* command, LogOptions& options) {
  command->option_defaults()->group("Log");
  command->add_option("--log", options.logs,
                      "query log to read; repeat for several; - for standard input;\n"
                      "gzip, bzip2 and xz files are read as they are");
  command->add_flag("--from-pg-stat-statements", options.from_pg_stat_statements,
                    "also read the statements pg_stat_statements holds in the --db database\n"
                    "(no parameter values there: they are planned generically, not analyzed)");
  command->add_option("--log-format", options.format,
                      "format of the logs: auto (told from the first lines), stderr, csvlog,\n"
                      "jsonlog (PostgreSQL; auto_explain plans inside them are kept), django\n"
                      "(the django.db.backends DEBUG log), django-json (a connection.queries dump),\n"
                      "sql (statements separated by semicolons; files named *.sql are read so)")
      ->capture_default_str();
  command->add_option("--log-line-prefix", options.log_line_prefix,
                      "the server's log_line_prefix, for stderr logs whose prefix is not one of\n"
                      "the common ones, e.g. '%t [%p]: user=%u,db=%d,app=%a,client=%h '");
  command->add_option("--jobs", options.jobs,
                      "threads that read one large stderr log (default: one per core); any number\n"
                      "gives the same result")
      ->check(whole_number(1, 256))
      ->capture_default_str();
  command->option_defaults()->group("Filters");
  command->add_option("--database", options.databases,
                      "keep only the statements of this database; repeat for several")
      ->check(name_value());
  command->add_option("--user", options.users, "keep only the statements of this user; repeat for several")
      ->check(name_value());
  command->add_option("--application", options.applications,
                      "keep only the statements of this application_name; repeat for several\n"
                      "(pgadvisor's own statements are left out unless --application pgadvisor)")
      ->check(name_value());
  command->add_option("--since", options.since,
                      "keep only the statements logged at or after this time, e.g. 2024-06-30,\n"
                      "'2024-06-30 12:00:00' (the log's own clock), 2024-06-30T12:00:00+02:00")
      ->check(time_value());
  command->add_option("--until", options.until, "keep only the statements logged before this time (as --since)")
      ->check(time_value());
}

StatementFilterOptions LogOptions::filter_options() const {
  StatementFilterOptions filter{databases, users, applications, std::nullopt, std::nullopt, since, until};
  if (!since.empty()) filter.since = parse_time_option(since);
  if (!until.empty()) filter.until = parse_time_option(until);
  if (filter.since && filter.until && (filter.since->zone_state == ZoneState::Known) ==
                                          (filter.until->zone_state == ZoneState::Known)) {
    const bool instants = filter.since->zone_state == ZoneState::Known;
    const double from = instants ? *filter.since->instant() : filter.since->wall_seconds;
    const double to = instants ? *filter.until->instant() : filter.until->wall_seconds;
    if (to <= from)
      throw FatalError(FatalKind::Usage,
                       "--until " + until + " is not after --since " + since + ": no statement could be kept");
  }
  return filter;
}

void require_input(const LogOptions& options) {
  if (options.logs.empty() && !options.from_pg_stat_statements)
    throw FatalError(FatalKind::Usage, "nothing to read: give --log FILE or --from-pg-stat-statements");
}

void emit_report(const std::string& output, const std::string& report) {
  // Every report is UTF-8 text: a byte that is not (a Latin-1 statement) is written as \xNN,
  // as the JSON writer does.
  if (output.empty())
    write_standard_output(visible_utf8(report));
  else
    write_output(output, visible_utf8(report));
}

}  // namespace pgadvisor
