// The JSON report against its JSON Schema, schema/report-v1.schema.json (Draft 2020-12), checked
// with Debian's python3-jsonschema: real reports of the binary on the blog fixture validate —
// django.log with rewrites, findings.log (--no-rewrites: every finding kind and sessions), a
// --verify run (indexes created in a rolled-back transaction), a --baseline run and a --history
// run (its trend section) — and a minimal report that validates stops validating once it gains
// an undocumented top-level key, a finding of severity "urgent" or a null count, which proves
// the schema constrains. No timings are asserted.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

const char* const kValidate =
    "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), "
    "cls=jsonschema.Draft202012Validator)";

std::string schema_path() { return std::string(PGADVISOR_SOURCE_DIR) + "/schema/report-v1.schema.json"; }

struct Validation {
  int exit_code = -1;
  std::string output;  // from the error on: the traceback before it says nothing
};

Validation validate(const std::string& report_path) {
  std::string command = "/usr/bin/python3 -c " + shell_quote(kValidate) + " " + shell_quote(report_path) + " " +
                        shell_quote(schema_path()) + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  Validation result;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  size_t error = result.output.find("Error:");
  if (error != std::string::npos) result.output = result.output.substr(result.output.rfind('\n', error) + 1);
  if (result.output.size() > 4000) result.output = result.output.substr(0, 4000) + "\n...";
  return result;
}

// `audit --format json -o FILE` on a fixture log, with `extra` options, FILE being `name`.json in
// `dir`; the report's path.
std::string audit_report(const TempDir& dir, const std::string& name, const std::string& log, const std::string& extra) {
  std::string path = dir.file(name + ".json");
  CommandResult result = run_pgadvisor("audit -q --runs 1 --format json --db " + shell_quote(test_dsn()) + " --log " +
                                       shell_quote(fixture_path(log)) + " " + extra + " -o " + shell_quote(path));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return path;
}

json read_report(const std::string& path) {
  std::string text = read_text_file(path);
  REQUIRE(!text.empty());
  return json::parse(text);
}

void require_valid(const std::string& path) {
  Validation validation = validate(path);
  INFO(path);
  INFO(validation.output);
  CHECK(validation.exit_code == 0);
}

void write_json(const std::string& path, const json& document) {
  std::ofstream out(path);
  out << document.dump(2);
  REQUIRE(out.good());
}

}  // namespace

TEST_CASE("the Django log's report, rewrites included, follows the schema", "[pg][schema]") {
  const TempDir dir("schema");
  std::string path = audit_report(dir, "django", "blog/logs/django.log", "");
  json report = read_report(path);
  CHECK(!report["rewrites"].empty());  // the schema's rewrite entries are exercised
  CHECK(!report["indexes"].empty());
  require_valid(path);
}

TEST_CASE("the findings log's report, every finding kind and sessions, follows the schema", "[pg][schema]") {
  const TempDir dir("schema");
  std::string path = audit_report(dir, "findings", "blog/logs/findings.log", "--no-rewrites");
  json report = read_report(path);
  CHECK(report["findings"].size() >= 10);
  CHECK(!report["sessions"].empty());
  require_valid(path);
}

TEST_CASE("the tagged log's report, its origins included, follows the schema", "[pg][schema]") {
  const TempDir dir("schema");
  std::string path = audit_report(dir, "tagged", "blog/logs/tagged/postgresql.log", "--no-rewrites");
  json report = read_report(path);
  CHECK(!report["templates"][0]["origins"].empty());
  require_valid(path);
}

TEST_CASE("a --verify report follows the schema", "[pg][schema]") {
  const TempDir dir("schema");
  std::string path = audit_report(dir, "verify", "blog/logs/django.log", "--verify");
  json report = read_report(path);
  CHECK(report["verification"]["ran"] == true);  // the "ran" form of verification, with its measurements
  require_valid(path);
}

TEST_CASE("a --baseline report follows the schema", "[pg][schema]") {
  const TempDir dir("schema");
  std::string base = audit_report(dir, "baseline-base", "blog/logs/findings.log", "--no-rewrites");
  std::string path = audit_report(dir, "baseline", "blog/logs/django.log", "--no-rewrites --baseline " + shell_quote(base));
  json report = read_report(path);
  REQUIRE(report.contains("baseline"));
  CHECK(!report["baseline"]["new_templates"].empty());
  require_valid(path);
}

TEST_CASE("a --history report, its trend section included, follows the schema", "[pg][schema][history]") {
  const TempDir dir("schema");
  const std::string history = dir.file("history");
  REQUIRE(std::system(("mkdir " + shell_quote(history)).c_str()) == 0);
  audit_report(dir, "history/first", "blog/logs/findings.log", "--no-rewrites");
  std::string path = audit_report(dir, "trend", "blog/logs/findings.log", "--no-rewrites --history " + shell_quote(history));
  json report = read_report(path);
  REQUIRE(report.contains("trend"));
  CHECK(report["trend"]["runs"].size() == 2);
  CHECK(!report["trend"]["templates"].empty());
  require_valid(path);
}

TEST_CASE("the schema rejects an undocumented key, an unknown severity and a null count", "[pg][schema]") {
  // A minimal report: every required key, one template, one finding.
  json report = {
      {"format", "pgadvisor-report"},
      {"version", 1},
      {"database", "dbname=blog"},
      {"server_version", 150004},
      {"replay_role", {{"login", "postgres"}, {"login_is_superuser", false}, {"role", "pgadvisor_replay"},
                       {"switched", true}, {"warnings", json::array()}}},
      {"logs", {"django.log"}},
      {"statements", 3},
      {"first_timestamp", ""},
      {"interrupted", false},
      {"incomplete", json::array()},
      {"stages", {{{"name", "verify"}, {"outcome", "done"}, {"seconds", 0.5}, {"error", ""}}}},
      {"last_timestamp", ""},
      {"templates",
       {{{"fingerprint", "3c3af9a1e4422005"},
         {"normalized_sql", "SELECT 1 FROM t WHERE id = $1"},
         {"kind", "select"},
         {"calls", 3},
         {"total_ms", 3.5},
         {"mean_ms", 1.1666},
         {"max_ms", 2.0},
         {"sample", {{"sql", "SELECT 1 FROM t WHERE id = 7"}, {"source", "django.log"}, {"line", 4}}},
         {"replay",
          {{"status", "analyzed"},
           {"execution_ms", 0.5},
           {"planning_ms", nullptr},
           {"plan_total_cost", 8.27},
           {"plan_summary", "Index Scan using t_pkey on t"}}}}}},
      {"indexes", json::array()},
      {"already_served", json::array()},
      {"drop_suggestions", json::array()},
      {"selection",
       {{"method", "greedy (benefit per byte)"}, {"max_indexes", 10}, {"budget_bytes", nullptr},
        {"total_size_bytes", 0}, {"net_saved_ms", 0.0}, {"net_saved_ms_per_day", nullptr},
        {"min_benefit_ms", 1.0}, {"min_call_saving_ms", 0.1}, {"min_improvement", 0.1},
        {"min_saving_per_mb_ms", 1.0}, {"min_saving_per_mb_day_ms", nullptr},
        {"exact_net_saved_ms", nullptr}, {"greedy_to_exact", nullptr}, {"exact_note", "no candidates"},
        {"candidates", 0}, {"useful_candidates", 0}, {"whatif_requests", 0}, {"whatif_cache_hits", 0},
        {"whatif_plans", 0}, {"whatif_resets", 0}, {"advisor_seconds", 0.01}}},
      {"verification", {{"ran", false}, {"note", nullptr}}},
      {"rewrites", json::array()},
      {"findings",
       {{{"kind", "n_plus_one"},
         {"severity", "high"},
         {"templates", {"3c3af9a1e4422005"}},
         {"summary", "3 calls in a loop"},
         {"evidence", {{"calls", 3}, {"scope", "log"}}},
         {"fix_sql", ""},
         {"fix_django", "select_related(\"t\")"},
         {"saving_ms", 2.5}}}},
      {"sessions", json::array()},
      {"candidates_evaluated", 0},
      {"whatif_requests", 0},
      {"whatif_cache_hits", 0},
      {"whatif_plans", 0},
      {"diagnostics", json::array()}};
  const TempDir dir("schema");
  const std::string path = dir.file("negative.json");

  write_json(path, report);
  require_valid(path);  // the mutations below are what fails, nothing else

  struct Mutation {
    const char* what;
    json::json_pointer pointer;
    json value;
    const char* in_error;
  };
  const Mutation mutations[] = {
      {"an undocumented top-level key", json::json_pointer("/undocumented"), true, "undocumented"},
      {"a finding of severity \"urgent\"", json::json_pointer("/findings/0/severity"), "urgent", "urgent"},
      {"a template whose calls are null", json::json_pointer("/templates/0/calls"), nullptr, "None"},
  };
  for (const auto& mutation : mutations) {
    json doctored = report;
    doctored[mutation.pointer] = mutation.value;
    write_json(path, doctored);
    Validation validation = validate(path);
    INFO(mutation.what);
    INFO(validation.output);
    CHECK(validation.exit_code != 0);
    CHECK(validation.output.find("ValidationError") != std::string::npos);
    CHECK(validation.output.find(mutation.in_error) != std::string::npos);
  }
}
