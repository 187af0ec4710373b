#include "cli/log_options.hpp"

#include "plans/json_text.hpp"

#include <iostream>

#include "plans/output_file.hpp"
#include "plans/fatal_error.hpp"

namespace pgadvisor {

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
