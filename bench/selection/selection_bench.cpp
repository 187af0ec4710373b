// pgadvisor_selection_bench: the reference index selection algorithms (Extend, relaxation:
// advisor/selection/reference/) and pgadvisor's own selection side by side on one database.
// Reads a query log (a plain SQL file: one template a query), runs each algorithm for each
// budget over the same what-if layer, and prints one JSON object a line: the chosen indexes'
// cost relative to none, judged for every algorithm alike by bench_evaluation (all indexes
// created hypothetically, every SELECT template EXPLAINed), with the algorithm's what-if calls
// and seconds. Each run gets a fresh WhatIfCache, so its what-if calls are its own (requests,
// hits included, as pgadvisor's report counts them). --evaluate LABEL@BYTES=REPORT.json judges
// the indexes of a pgadvisor JSON report the same way, with the report's what-if requests and
// seconds. Everything runs in one read-only transaction that is rolled back; hypopg must be
// installed.
#include <chrono>
#include <deque>
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "advisor/candidates/catalog_facts.hpp"
#include "advisor/pipeline.hpp"
#include "advisor/selection/reference/extend_selection.hpp"
#include "advisor/selection/reference/relaxation_selection.hpp"
#include "advisor/whatif/whatif_cache.hpp"
#include "bench/selection/bench_evaluation.hpp"
#include "plans/fatal_error.hpp"

using namespace pgadvisor;

namespace {

constexpr const char* kProgram = "pgadvisor_selection_bench: ";

struct BenchOptions {
  std::string dsn;
  std::vector<std::string> logs;
  std::vector<long long> budgets;
  std::vector<std::string> algorithms;
  size_t max_width = 2;
  std::string columns = "clauses";
  std::vector<std::string> evaluations;  // LABEL@BYTES=REPORT.json
};

// The SELECT templates of the logs whose EXPLAIN works; the others are named on standard error.
std::vector<const QueryTemplate*> plannable_selects(const Workload& workload, WhatIf& whatif) {
  std::vector<const QueryTemplate*> templates;
  for (const auto& tmpl : workload.templates()) {
    if (tmpl.statement_class.kind != StatementKind::Select) continue;
    try {
      whatif.cost(tmpl);
      templates.push_back(&tmpl);
    } catch (const DatabaseError& error) {
      std::cerr << kProgram << tmpl.sample.source << ":" << tmpl.sample.line << ": left out, EXPLAIN fails: "
                << error.what() << "\n";
    }
  }
  return templates;
}

void print_line(const std::string& algorithm, long long budget, const bench::Evaluation& evaluation, double base_cost,
                long long whatif_calls, double seconds) {
  for (const auto& refused : evaluation.refused) std::cerr << kProgram << algorithm << ": hypopg refused " << refused << "\n";
  nlohmann::json line = {{"algorithm", algorithm},
                         {"budget_bytes", budget},
                         {"relative_cost", base_cost > 0 ? evaluation.cost / base_cost : 1.0},
                         {"cost", evaluation.cost},
                         {"base_cost", base_cost},
                         {"size_bytes", evaluation.size_bytes},
                         {"indexes", evaluation.definitions.size()},
                         {"whatif_calls", whatif_calls},
                         {"seconds", seconds},
                         {"definitions", evaluation.definitions}};
  std::cout << line.dump() << std::endl;
}

ReferenceResult run_algorithm(const std::string& algorithm, CostSource& costs, const ReferenceInput& input) {
  if (algorithm == "extend") return extend_selection(costs, input);
  return relaxation_selection(costs, input);
}

void run_bench(const BenchOptions& options) {
  Workload workload = read_workload(options.logs, LogFormat::Auto);
  for (const auto& diagnostic : workload.diagnostics())
    std::cerr << kProgram << diagnostic.source << ":" << diagnostic.line << ": " << diagnostic.message << "\n";
  Session session(options.dsn, {});
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    if (!hypopg_installed(tx))
      throw FatalError(FatalKind::Connection, "hypopg is not installed in this database (CREATE EXTENSION hypopg)");
    WhatIf whatif(tx);
    std::vector<const QueryTemplate*> templates = plannable_selects(workload, whatif);
    if (templates.empty()) throw FatalError(FatalKind::Input, "the log has no SELECT the database can plan");
    std::deque<QueryTemplate> resolved;  // unqualified columns resolved with the catalog's column lists
    Diagnostics diagnostics;
    resolve_with_catalog(tx, templates, resolved, diagnostics);
    for (const auto& diagnostic : diagnostics) std::cerr << kProgram << diagnostic.message << "\n";
    double base_cost = bench::evaluate_indexes(whatif, templates, {}).cost;

    ReferenceInput input;
    input.max_width = options.max_width;
    for (const QueryTemplate* tmpl : templates) {
      input.weights.push_back(1.0);  // each query of the log once
      input.columns.push_back(indexable_columns(
          *tmpl, options.columns == "referenced" ? IndexableScope::Referenced : IndexableScope::Clauses));
      input.fingerprints.push_back(tmpl->fingerprint);
    }
    for (const auto& algorithm : options.algorithms) {
      for (long long budget : options.budgets) {
        input.budget_bytes = budget;
        whatif.reset();
        WhatIfCache cache(whatif, templates, {});
        auto started = std::chrono::steady_clock::now();
        ReferenceResult result = run_algorithm(algorithm, cache, input);
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::vector<IndexCandidate> chosen;
        for (size_t candidate : result.configuration) chosen.push_back(cache.candidates()[candidate]);
        print_line(algorithm, budget, bench::evaluate_indexes(whatif, templates, chosen), base_cost,
                   cache.stats().requests, seconds);
      }
    }
    for (const auto& evaluation : options.evaluations) {
      size_t at = evaluation.find('@'), equals = evaluation.find('=', at == std::string::npos ? 0 : at);
      if (at == std::string::npos || equals == std::string::npos || at == 0)
        throw FatalError(FatalKind::Usage, "--evaluate wants LABEL@BYTES=REPORT.json, not " + evaluation);
      long long budget = 0;
      try {
        budget = std::stoll(evaluation.substr(at + 1, equals - at - 1));
      } catch (const std::exception&) {
        throw FatalError(FatalKind::Usage, "--evaluate: the budget of " + evaluation + " is not a number of bytes");
      }
      bench::ReportedSelection reported = bench::read_report_selection(evaluation.substr(equals + 1));
      print_line(evaluation.substr(0, at), budget, bench::evaluate_indexes(whatif, templates, reported.indexes),
                 base_cost, reported.whatif_requests, reported.seconds);
    }
  });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Extend and relaxation beside pgadvisor's index selection, as relative planner cost."};
  BenchOptions options;
  app.add_option("--db", options.dsn, "the database (a libpq connection string); hypopg installed")->required();
  app.add_option("--log", options.logs, "the queries, a plain SQL file")->required();
  app.add_option("--budget", options.budgets, "a storage budget in bytes (repeat for several)");
  app.add_option("--algorithm", options.algorithms, "extend or relaxation (repeat; default: both)")
      ->check(CLI::IsMember({"extend", "relaxation"}));
  app.add_option("--max-width", options.max_width, "the widest index, in columns")
      ->check(CLI::Range(1, 32))
      ->capture_default_str();
  app.add_option("--columns", options.columns,
                 "the references' indexable columns: clauses (WHERE, JOIN, GROUP BY, ORDER BY) or referenced "
                 "(every column a query reads, as index_selection_evaluation)")
      ->check(CLI::IsMember({"clauses", "referenced"}))
      ->capture_default_str();
  app.add_option("--evaluate", options.evaluations, "LABEL@BYTES=REPORT.json: judge a pgadvisor JSON report's indexes");
  CLI11_PARSE(app, argc, argv);
  if (options.algorithms.empty()) options.algorithms = {"extend", "relaxation"};
  if (options.budgets.empty() && options.evaluations.empty()) {
    std::cerr << kProgram << "give --budget BYTES (or --evaluate)\n";
    return 2;
  }
  try {
    run_bench(options);
  } catch (const FatalError& error) {
    std::cerr << kProgram << error.what() << "\n";
    return error.kind() == FatalKind::Usage ? 2 : 1;
  } catch (const std::exception& error) {
    std::cerr << kProgram << error.what() << "\n";
    return 1;
  }
  return 0;
}
