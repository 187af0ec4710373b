#include "cli/audit_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "advisor/advice_json.hpp"
#include "cli/fail_on.hpp"
#include "cli/history_reports.hpp"
#include "cli/migration/migration_json.hpp"
#include "cli/report/report_formats.hpp"
#include "cli/report/report_redact.hpp"
#include "cli/option_checks.hpp"
#include "cli/output_targets.hpp"
#include "plans/json_text.hpp"
#include "plans/fatal_error.hpp"
#include "plans/output_file.hpp"

namespace pgadvisor {
namespace {

// Says on standard error why the advice is incomplete; the exit status for it (3 when the
// database was lost, 5 otherwise unless --accept-partial), or 0 when it is complete.
// --verbose: where the audit's time went, stage by stage.
void print_stage_times(const Advice& advice) {
  double total = 0;
  for (const auto& stage : advice.stages) {
    total += stage.seconds;
    std::cerr << fmt::format("pgadvisor: stage {:<16} {:<16} {:>8.2f} s{}\n", stage.name, stage_outcome_name(stage.outcome),
                             stage.seconds, stage.error.empty() ? "" : ": " + stage.error);
  }
  std::cerr << fmt::format("pgadvisor: stage {:<16} {:<16} {:>8.2f} s\n", "(all)", "", total);
}

// Writes every target from the one audit (the migrations from `measured`, the reports from
// `report`, which --redact may have redacted), the JSON report first (what was measured is never
// lost to a later output's failure); an output that cannot be written is a `pgadvisor:` line and
// the others are still written. Returns 0, or the exit status of the first failure (2 usage, 3),
// which wins over the exit status of incomplete advice (5) and --fail-on (1).
int write_outputs(const std::vector<OutputTarget>& targets, const AuditCommandOptions& options,
                  const nlohmann::json& measured, const nlohmann::json& report) {
  std::vector<OutputTarget> ordered;
  for (const auto& target : targets)
    if (target.kind == "json") ordered.push_back(target);
  for (const auto& target : targets)
    if (target.kind != "json") ordered.push_back(target);
  int status = 0;
  for (const auto& target : ordered) {
    try {
      if (target.is_migration()) {
        write_migration(target.kind, measured, target.path, "audit");
      } else {
        bool to_terminal = target.path.empty() && isatty(STDOUT_FILENO);
        emit_report(target.path, render_report(report, target.kind, options.top,
                                               terminal_text_style(options.color, to_terminal)));
      }
    } catch (const FatalError& error) {
      std::cerr << "pgadvisor: " << error.what() << "\n";
      if (status == 0) status = error.kind() == FatalKind::Usage ? 2 : 3;
    }
  }
  return status;
}

int incomplete_status(const Advice& advice, bool accept_partial) {
  bool connection = false;
  for (const auto& gap : advice.incomplete) {
    std::cerr << "pgadvisor: advice incomplete: " << gap.cause << ". Fix: " << gap.fix << ".\n";
    connection = connection || gap.kind == GapKind::Connection;
  }
  if (advice.incomplete.empty()) return 0;
  if (connection) return 3;
  return accept_partial ? 0 : 5;
}

}  // namespace

CLI::App* setup_audit_command(CLI::App& app, AuditCommandOptions& options) {
  CLI::App* audit = app.add_subcommand(
      "audit", "Replay a captured query log on a database and propose indexes.\n"
               "Nothing in the database changes: every statement runs in a rolled-back transaction,\n"
               "reads in READ ONLY mode, writes only under plain EXPLAIN.");
  audit->option_defaults()->group("Connection");
  audit->add_option("--db", options.audit.dsn,
                    "libpq connection string or URI of the database to replay on\n"
                    "(default: the PGHOST, PGPORT, PGDATABASE, PGUSER, ... variables)");
  add_log_options(audit, options.logs);
  audit->add_option("--workload", options.workload,
                    "a workload saved by `pgadvisor replay` (instead of --log: nothing is replayed)");
  add_replay_options(audit, options.replay);
  audit->add_option("--format", options.format,
                    "report format: text (the terminal), json (versioned, for tools), markdown (a pull-request\n"
                    "comment), html (one self-contained page with charts)")
      ->check(CLI::IsMember({"text", "json", "markdown", "html"}))
      ->capture_default_str()
      ->each([&options](const std::string&) { options.format_given = true; })
      ->group("Report");
  audit->add_option("-o,--output", options.outputs,
                    "write the report (or migration) to this file instead of standard output; FORMAT:PATH writes\n"
                    "that format (text, json, markdown, html, sql, django) and -o may be repeated, so one audit\n"
                    "writes every output: -o json:audit.json -o markdown:audit.md -o sql:indexes.sql (- is\n"
                    "standard output)")
      ->group("Report");
  audit->add_option("--top", options.top, "how many templates the text and Markdown reports list")
      ->check(whole_number(0, 1000000))
      ->capture_default_str()
      ->group("Report");
  audit->add_option("--color", options.color, "colour in the text report: auto (a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str()
      ->group("Report");
  audit->add_option("--baseline", options.baseline,
                    "an earlier JSON report of this audit: report new templates, regressions (slower, or a worse\n"
                    "plan shape) and fixed ones")
      ->group("CI");
  audit->add_option("--history", options.history, kHistoryHelp)->group("CI");
  audit->add_option("--fail-on", options.fail_on,
                    "exit 1 when the audit finds any of these (comma-separated): high, medium, low (a finding of\n"
                    "that severity or worse), new-high, new-medium, new-low (such a finding not in --baseline, or\n"
                    "not in the latest report of --history), index (an index proposed), rewrite (a rewrite\n"
                    "proposed), regression (against --baseline, or the latest report of --history), never")
      ->capture_default_str()
      ->group("CI");
  audit->add_flag("--redact", options.redact,
                  "replace the literal values of the statements (e-mail addresses, names, ids) by placeholders in\n"
                  "every report (text, JSON, Markdown, HTML); migrations keep the constants their indexes need")
      ->group("Report");
  audit->add_flag("-v,--verbose", options.verbose, "print each stage's outcome and time on standard error")
      ->group("Report");
  audit->add_flag("--accept-partial", options.accept_partial,
                  "exit 0 even when the advice could not be computed (hypopg unavailable, the wrong database,\n"
                  "most templates failing, nothing read): the reports still say so at the top")
      ->group("CI");
  add_migration_options(audit, options.migration);
  audit->get_option("--migration")->group("Report");
  audit->get_option("--django-dependency")->group("Django");
  add_advisor_options(audit, options.advisor);
  audit->option_defaults()->group("Rewrites");
  audit->add_flag("--no-rewrites", options.no_rewrites, "do not try rewriting IN-subqueries into id lists");
  audit->add_option("--inline-list-limit", options.audit.rewrites.inline_limit,
                    "longest id list a rewrite shows inline; longer ones are an array parameter")
      ->check(whole_number(0, 1000000))
      ->capture_default_str();
  audit->add_option("--verify-timeout", options.verify_timeout,
                    "bound of each statement that verifies or times a rewrite (the original of a template that\n"
                    "timed out runs once under it; past it, its time is reported as a lower bound)")
      ->check(duration_check())
      ->capture_default_str();
  add_stage_budget_options(audit, options.stages);
  return audit;
}

int run_audit_command(AuditCommandOptions& options) {
  if (options.workload.empty()) require_input(options.logs);
  else if (!options.logs.logs.empty() || options.logs.from_pg_stat_statements)
    throw FatalError(FatalKind::Usage, "--workload replaces --log and --from-pg-stat-statements: give one or the other");
  else if (options.logs.has_filters())
    throw FatalError(FatalKind::Usage, "the filters (--database, --user, --application, --since, --until) apply when "
                                       "logs are read: give them to `pgadvisor replay`, not with --workload");
  options.audit.workload_file = options.workload;
  options.audit.replay = options.replay.settings();
  std::vector<OutputTarget> targets =
      parse_output_targets(options.outputs, options.format_given ? options.format : "", options.migration.kind);
  for (const auto& target : targets)  // a report written over the journal would be removed with it
    if (!options.replay.journal.empty() && same_file(options.replay.journal, target.path))
      throw FatalError(FatalKind::Usage, "--journal " + options.replay.journal + " is an output file: give the journal a file of its own");
  options.audit.journal = options.workload.empty() ? options.replay.journal_path(journal_anchor(targets)) : "";
  options.audit.resume = options.replay.resume;
  if (options.audit.resume && options.audit.journal.empty())
    throw FatalError(FatalKind::Usage, "--resume needs the journal of the run: -o FILE (its journal is FILE.journal) or --journal FILE");
  options.audit.advisor = options.advisor.settings();
  options.audit.rewrites.enabled = !options.no_rewrites;
  options.audit.rewrites.runs = options.audit.replay.policy.runs;
  options.audit.rewrites.verify_timeout_ms = parse_duration_ms(options.verify_timeout, "--verify-timeout");
  options.audit.stage_budgets = options.stages.settings();
  install_interrupt_handler();
  options.audit.stop = &interrupt_requested();
  options.audit.progress = terminal_progress(options.replay.quiet);
  options.audit.logs = options.logs.logs;
  options.audit.from_pg_stat_statements = options.logs.from_pg_stat_statements;
  options.audit.log_format = parse_log_format(options.logs.format);
  options.audit.log_options = options.logs.read_options();
  options.audit.filter = options.logs.filter_options();
  FailOn fail_on = parse_fail_on(options.fail_on);
  if (fail_on.needs_baseline() && options.baseline.empty() && options.history.empty())
    throw FatalError(FatalKind::Usage, "--fail-on " + options.fail_on + " needs --baseline FILE (an earlier JSON report) " +
                                           "or --history DIR (the earlier reports)");
  if (!options.history.empty()) check_history_dir(options.history);
  if (!options.baseline.empty()) {
    // read before the audit runs, so a bad file fails at once (exit 2), not after the replay
    options.audit.baseline = read_report_file(options.baseline, "--baseline");
    options.audit.baseline_options.label = options.baseline;
  }

  options.audit.django = django_mapping_options(options.migration);
  for (const auto& target : targets)
    if (target.kind == "django") options.audit.django->required = true;
  Advice advice = run_audit(options.audit);
  nlohmann::json report = advice_to_json(advice);
  report["migrations"] = migrations_to_json(advice);
  if (!options.history.empty()) {
    std::vector<std::string> written;  // none of this run's own files is read as its history
    for (const auto& target : targets)
      if (!target.path.empty()) written.push_back(target.path);
    report["trend"] = history_trend_section(options.history, report, written);
  }
  // the migrations are written from the report as measured; the reports may be redacted
  const nlohmann::json measured = options.redact ? report : nlohmann::json();
  if (options.redact) redact_report(report);
  int write_status = write_outputs(targets, options, options.redact ? measured : report, report);
  if (options.verbose) print_stage_times(advice);
  if (interrupt_requested() || advice.interrupted) {
    std::cerr << "pgadvisor: interrupted; the report holds what was measured before"
              << (options.audit.journal.empty() ? "" : "; --resume continues the replay") << "\n";
    return 130;
  }
  if (write_status != 0) return write_status;  // an output missing is the first thing to fix
  if (int status = incomplete_status(advice, options.accept_partial)) return status;
  if (!options.audit.journal.empty()) ::unlink(options.audit.journal.c_str());  // the run is whole: nothing to resume
  std::vector<std::string> reasons = fail_on_reasons(fail_on, report);
  for (const auto& reason : reasons) std::cerr << "pgadvisor: --fail-on " << options.fail_on << ": " << reason << "\n";
  return reasons.empty() ? 0 : 1;
}

}  // namespace pgadvisor
