#include "cli/replay_options.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/option_checks.hpp"
#include "plans/fatal_error.hpp"

namespace pgadvisor {
namespace {

std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int) {
  interrupted.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process
}

}  // namespace

int parse_duration_ms(const std::string& text, const std::string& option) {
  size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  const std::string unit = used ? text.substr(used) : "";
  double factor = 0;
  if (unit == "ms" || (unit.empty() && value == 0)) factor = 1;
  else if (unit == "s") factor = 1000;
  else if (unit == "min") factor = 60000;
  else if (unit == "h") factor = 3600000;
  // a positive duration under 1 ms would become 0, which means none
  if (used == 0 || factor == 0 || !std::isfinite(value) || value < 0 || value * factor > 2147483647.0 ||
      (value > 0 && value * factor < 1))
    throw FatalError(FatalKind::Usage,
                     fmt::format("{} {}: not a duration: give a number and its unit, e.g. 500ms, 30s, 2min, 1h", option,
                                 text));
  return static_cast<int>(value * factor);
}

CLI::Validator duration_check() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        try {
          parse_duration_ms(text, "");
          return "";
        } catch (const FatalError&) {
          return text + ": not a duration: give a number and its unit, e.g. 500ms, 30s, 2min, 1h";
        }
      },
      "DURATION");
}

ReplaySettings ReplayCommandOptions::settings() const {
  ReplaySettings settings;
  std::optional<SampleChoice> choice = parse_sample_choice(samples);
  if (!choice)
    throw FatalError(FatalKind::Usage, fmt::format("--samples {}: use slowest, first, all or a number k", samples));
  settings.samples = *choice;
  settings.policy.runs = runs;
  settings.policy.warmup = !no_warmup;
  settings.policy.long_query_ms = parse_duration_ms(long_query, "--long-query");
  settings.policy.analyze_writes = analyze_writes;
  settings.policy.allowed_functions = allowed_functions;
  settings.connections = connections;
  settings.session.statement_timeout_ms = parse_duration_ms(statement_timeout, "--statement-timeout");
  settings.session.lock_timeout_ms = parse_duration_ms(lock_timeout, "--lock-timeout");
  settings.session.idle_in_transaction_timeout_ms =
      parse_duration_ms(idle_in_transaction_timeout, "--idle-in-transaction-timeout");
  settings.session.client_grace_ms = parse_duration_ms(client_grace, "--client-grace");
  settings.session.replay_role = replay_role;
  return settings;
}

void add_replay_options(CLI::App* command, ReplayCommandOptions& options) {
  command->option_defaults()->group("Replay");
  command->add_option("--samples", options.samples,
                      "which calls of each template to replay: slowest, first, k (the first k calls) or all")
      ->capture_default_str();
  command->add_option("--runs", options.runs, "measured EXPLAIN ANALYZE runs per sample (median and spread)")
      ->check(whole_number(1, 100))
      ->capture_default_str();
  command->add_flag("--no-warmup", options.no_warmup, "skip the warm-up run before the measured ones");
  command->add_option("--long-query", options.long_query,
                      "a sample whose warm-up (or first run) takes longer is measured by that one run, not k;\n"
                      "so is every later measurement of it (finding savings, rewrites, --verify); 0: always k runs")
      ->check(duration_check())
      ->capture_default_str();
  command->add_flag("--analyze-writes", options.analyze_writes,
                    "measure INSERT/UPDATE/DELETE/MERGE too, in a rolled-back transaction\n"
                    "(never when the target draws from a sequence or fires triggers)");
  command->add_option("-j,--connections", options.connections, "parallel connections")
      ->check(whole_number(1, 64))
      ->capture_default_str();
  command->add_option("--statement-timeout", options.statement_timeout, "statement_timeout of the replay (500ms, 30s, 2min)")
      ->check(duration_check())
      ->capture_default_str();
  command->add_option("--lock-timeout", options.lock_timeout, "lock_timeout of the replay")
      ->check(duration_check())->capture_default_str();
  command->add_option("--idle-in-transaction-timeout", options.idle_in_transaction_timeout,
                      "idle_in_transaction_session_timeout of the replay")
      ->check(duration_check())
      ->capture_default_str();
  command->add_option("--client-grace", options.client_grace,
                      "a statement still running this long after statement_timeout is canceled; one grace later\n"
                      "its backend is terminated, one more later the connection is abandoned")
      ->check(duration_check())
      ->capture_default_str();
  command->add_option("--replay-role", options.replay_role,
                      "run logged statements as this role when it exists (pgadvisor setup-role creates it);\n"
                      "'' never switches")
      ->capture_default_str();
  command->add_option("--allow-function", options.allowed_functions,
                      "a function trusted to be free of side effects, bare or schema-qualified (repeatable):\n"
                      "by default only built-in functions known to be so are executed or planned");
  command->add_flag("-q,--quiet", options.quiet, "no progress line on standard error");
  command->add_option("--journal", options.journal,
                      "the resume journal: every sample measured is appended to it at once (default: the output\n"
                      "file's name with .journal added, when the output is a file)");
  command->add_flag("--resume", options.resume,
                    "continue a run that was killed, interrupted or lost its server: what the journal holds is\n"
                    "not replayed again");
}

std::string ReplayCommandOptions::journal_path(const std::string& output) const {
  std::error_code ignored;
  if (!journal.empty() && !output.empty() &&
      std::filesystem::weakly_canonical(journal, ignored) == std::filesystem::weakly_canonical(output, ignored))
    throw FatalError(FatalKind::Usage, "--journal " + journal + " is the output file: give the journal a file of its own");
  if (!journal.empty()) return journal;
  if (output.empty() || output == "-") return "";
  struct stat info {};
  if (::stat(output.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) return "";
  return output + ".journal";
}

const std::atomic<bool>& interrupt_requested() { return interrupted; }

void install_interrupt_handler() { std::signal(SIGINT, on_interrupt); }

ReplayProgress terminal_progress(bool quiet) {
  if (quiet || !::isatty(STDERR_FILENO)) return {};
  auto start = std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
  return [start](size_t done, size_t total) {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - *start).count();
    double eta = done ? elapsed / static_cast<double>(done) * static_cast<double>(total - done) : 0;
    std::fprintf(stderr, "\rreplay %zu/%zu statements, %.1f s elapsed, ETA %.0f s   %s", done, total, elapsed, eta,
                 done == total ? "\n" : "");
    std::fflush(stderr);
  };
}

}  // namespace pgadvisor
