#include "cli/advisor_options.hpp"

#include "cli/option_checks.hpp"
#include "plans/byte_size.hpp"

namespace pgadvisor {

AdvisorOptions AdvisorCommandOptions::settings() const {
  AdvisorOptions out = advisor;
  out.selection.budget_bytes = parse_byte_size(budget).value_or(0);  // checked by byte_size()
  out.weigh_by = weigh_by == "cost" ? Weighing::Cost : Weighing::Time;
  // A size budget is the limit the user chose; the count limit is the default's without one.
  if (out.selection.budget_bytes > 0 && max_indexes_option && max_indexes_option->count() == 0)
    out.selection.max_indexes = kNoIndexLimit;
  return out;
}

void add_advisor_options(CLI::App* command, AdvisorCommandOptions& options) {
  command->option_defaults()->group("Advisor");
  AdvisorOptions& advisor = options.advisor;
  command->add_option("--budget", options.budget,
                      "total size of the proposed indexes: 500MB, 2.5GB (GB = 10^9 bytes, GiB = 2^30; 0: no limit)")
      ->check(byte_size())
      ->capture_default_str();
  options.max_indexes_option =
      command->add_option("--max-indexes", advisor.selection.max_indexes, "propose at most this many indexes (with --budget: no limit unless given)")
      ->check(whole_number(0, 10000))
      ->capture_default_str();
  command->add_option("--weigh-by", options.weigh_by,
                      "weigh a query's saving of planner cost by its own measured time per cost unit (time),\n"
                      "or by the workload's, so every cost unit counts the same, as index selection benchmarks do (cost)")
      ->check(CLI::IsMember({"time", "cost"}))
      ->capture_default_str();
  command->add_option("--min-improvement", advisor.selection.min_improvement,
                      "propose an index only if it lowers some template's planner cost by this share (0-1)")
      ->check(share())
      ->capture_default_str();
  command->add_option("--min-benefit-ms", advisor.selection.min_benefit_ms,
                      "propose an index only if it saves this many milliseconds over the log, write cost deducted")
      ->check(non_negative_number())
      ->capture_default_str();
  command->add_option("--min-benefit-share", advisor.selection.min_benefit_share,
                      "... and at least this share of what the best single index saves (0-1)")
      ->check(share())
      ->capture_default_str();
  command->add_option("--min-call-saving-ms", advisor.selection.min_call_saving_ms,
                      "... and make some query faster by at least this many milliseconds a call")
      ->check(non_negative_number())
      ->capture_default_str();
  command->add_option("--significant-call-saving-ms", advisor.selection.significant_call_saving_ms,
                      "an index that makes some query this many milliseconds a call faster needs no --min-improvement")
      ->check(non_negative_number())
      ->capture_default_str();
  command->add_option("--min-saving-per-mb", advisor.selection.min_saving_per_mb_ms,
                      "... and save this many milliseconds over the log per MB of its size (an index must pay for its size)")
      ->check(non_negative_number())
      ->capture_default_str();
  command->add_option("--min-saving-per-mb-day", advisor.selection.min_saving_per_mb_day_ms,
                      "... and, when the log's timestamps give its span, this many milliseconds a day per MB")
      ->check(non_negative_number())
      ->capture_default_str();
  command->add_option("--max-index-columns", advisor.candidates.max_columns, "widest index proposed")
      ->check(whole_number(1, 32))
      ->capture_default_str();
  command->add_option("--max-include", advisor.candidates.max_include,
                      "most INCLUDE columns a covering index may add (0: no covering indexes)")
      ->check(whole_number(0, 32))
      ->capture_default_str();
  command->add_option("--partial-min-seen", advisor.candidates.min_calls_for_partial,
                      "times an equality constant must be seen (calls, times each writes it in every branch of an OR)\n"
                      "before it may become a partial index's WHERE (0: no partial indexes at all)")
      ->check(whole_number(0, 1000000))
      ->capture_default_str();
  command->add_option("--index-write-ms", advisor.cost.index_write_ms,
                      "assumed time to write (or vacuum) one index entry for one written row")
      ->check(non_negative_number())
      ->capture_default_str();
  command->add_flag("--exact", advisor.exact,
                    "compare the greedy choice with the exact search even on larger candidate groups (slower)");
  command->add_flag("--verify", advisor.verify,
                    "the database is DISPOSABLE: create the proposed indexes for real inside a transaction,\n"
                    "measure the affected templates with EXPLAIN ANALYZE before and after, roll back\n"
                    "(CREATE INDEX locks the tables against writes while it runs)");
  command->add_option("--verify-runs", advisor.verify_runs, "EXPLAIN ANALYZE runs per template with --verify")
      ->check(whole_number(1, 100))
      ->capture_default_str();
  command->add_option("--exclude-table", advisor.excluded_tables,
                      "propose no index on this table (table or schema.table); repeat for several");
}

}  // namespace pgadvisor
