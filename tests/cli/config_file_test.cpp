// pgadvisor.toml through the binary: a config found in the working directory sets options the
// command line did not; the command line wins; an unknown key, a key in the wrong section, a
// wrong type and a TOML syntax error are each refused with the file, the line and the key,
// exit status 2, before anything is read or replayed.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/fixture_log.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// `toml` as pgadvisor.toml in `dir`; the directory's path.
fs::path with_config(const TempDir& dir, const std::string& toml) {
  std::ofstream out(dir.file("pgadvisor.toml"));
  out << toml;
  REQUIRE(out.good());
  return dir.path;
}

// Runs the binary with `arguments` in `dir` (where it looks for pgadvisor.toml).
CommandResult run_in(const fs::path& dir, const std::string& arguments) {
  fs::path before = fs::current_path();
  fs::current_path(dir);
  CommandResult result = run_pgadvisor(arguments);
  fs::current_path(before);
  return result;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("config errors name the file, the line and the key, and exit 2", "[config]") {
  struct Case {
    std::string name, toml, message;
  };
  std::vector<Case> cases = {
      {"unknown-key", "[advisor]\nmax-indexes = 3\nbudget-mb = 12\n", "pgadvisor.toml:3: unknown key 'budget-mb' in [advisor]"},
      {"wrong-section", "[report]\nbudget = \"12MB\"\n", "pgadvisor.toml:2: 'budget' belongs in [advisor], not [report]"},
      {"unknown-section", "[thresholds]\nx = 1\n", "unknown section [thresholds]"},
      {"top-level", "budget = \"12MB\"\n", "pgadvisor.toml:1: 'budget' must be a section"},
      {"bad-value", "[report]\nformat = \"pdf\"\n", "pgadvisor.toml:2: --format: pdf not in"},
      {"flag-type", "[advisor]\nverify = \"yes\"\n", "pgadvisor.toml:2: 'verify' is a flag: true or false"},
      {"syntax", "[advisor\nmax-indexes = 3\n", "pgadvisor.toml:1:"},
      {"django-model", "[django.models]\nblog_post = \"Post\"\n", "expected \"app_label.ModelName\""},
      {"duration-unit", "[replay]\nstatement-timeout = 30\n",
       "pgadvisor.toml:2: --statement-timeout: 30: not a duration: give a number and its unit"},
      {"negative-count", "[advisor]\nmax-indexes = -1\n", "pgadvisor.toml:2: --max-indexes: -1: not a whole number from 0 to 10000"},
      {"stage-budget", "[measurement]\nstage-budget = [\"verify=10min\", \"savings=1s\"]\n",
       "pgadvisor.toml:2: --stage-budget: savings=1s: give STAGE=DURATION, STAGE one of rewrites, verify, finding-savings"},
      {"skip-stage", "[measurement]\nskip-stage = [\"replay\"]\n", "pgadvisor.toml:2: --skip-stage: replay not in"},
      {"long-query", "[replay]\nlong-query = \"long\"\n", "pgadvisor.toml:2: --long-query: long: not a duration"},
  };
  for (const auto& c : cases) {
    const TempDir scratch("config-" + c.name);
    fs::path dir = with_config(scratch, c.toml);
    CommandResult result = run_in(dir, "audit --log nothing.log");
    INFO(c.name << ": " << result.err);
    CHECK(result.exit_code == 2);
    CHECK(has(result.err, c.message));
  }
}

TEST_CASE("option values are refused in one line naming the option, the value and what is accepted", "[config]") {
  struct Case {
    std::string arguments, message;
  };
  std::vector<Case> cases = {
      {"--budget lots", "--budget: lots: not a size (e.g. 500MB, 2.5GB; GB = 10^9 bytes"},
      {"--budget 12", "--budget: 12: not a size"},
      {"--max-indexes -1", "--max-indexes: -1: not a whole number from 0 to 10000"},
      {"--min-improvement 2", "--min-improvement: 2: not a share from 0 to 1"},
      {"--top many", "--top: many: not a whole number from 0 to 1000000"},
      {"--statement-timeout 30", "--statement-timeout: 30: not a duration"},
      {"--verify-timeout soon", "--verify-timeout: soon: not a duration"},
      {"--stage-budget verify=soon", "--stage-budget: verify=soon: soon is not a duration"},
      {"--stage-budget verify", "--stage-budget: verify: give STAGE=DURATION"},
      {"--skip-stage index-advice", "--skip-stage: index-advice not in"},
  };
  for (const auto& c : cases) {
    CommandResult result = run_pgadvisor("audit --log nothing.log " + c.arguments);
    INFO(c.arguments << ": " << result.err);
    CHECK(result.exit_code == 2);
    CHECK(has(result.err, c.message));
    CHECK(result.err.size() < 400);  // one line, no 300-digit range
  }
}

TEST_CASE("another subcommand's key is left to it, the command line's inputs replace the file's", "[config]") {
  // [workload] output is replay's -o: audit leaves it alone and fails only on the missing log
  const TempDir scratch("config-other-command");
  fs::path dir = with_config(scratch, "[workload]\noutput = \"w.json\"\n[log]\nlog = [\"a.log\"]\n");
  CommandResult audit = run_in(dir, "audit --log nothing.log");
  CHECK(audit.exit_code == 3);
  CHECK(has(audit.err, "cannot read nothing.log"));
  // --workload on the command line: the file's log is not added (no "replaces --log" refusal)
  CommandResult workload = run_in(dir, "audit --workload missing.json");
  CHECK(workload.exit_code == 3);
  CHECK(!has(workload.err, "--workload replaces --log"));
  // replay takes its -o from the file (not required on the command line), and still reads its log
  CommandResult replay = run_in(dir, "replay");
  CHECK(replay.exit_code == 3);
  CHECK(has(replay.err, "a.log"));
}

TEST_CASE("a config file named with --config is read from anywhere, a missing one is exit 3", "[config]") {
  const TempDir scratch("config-explicit");
  fs::path dir = with_config(scratch, "[advisor]\nbogus = 1\n");
  CommandResult named = run_pgadvisor("audit --config " + shell_quote((dir / "pgadvisor.toml").string()) + " --log x.log");
  CHECK(named.exit_code == 2);
  CHECK(has(named.err, "unknown key 'bogus' in [advisor]"));
  CommandResult missing = run_pgadvisor("audit --config /nonexistent/pgadvisor.toml --log x.log");
  CHECK(missing.exit_code == 3);
  CHECK(has(missing.err, "cannot read /nonexistent/pgadvisor.toml"));
}

TEST_CASE("a config in the working directory runs the audit, the command line wins", "[pg][config]") {
  fs::path logs = fs::path(fixture_path("blog/logs"));
  const TempDir scratch("config-audit");
  fs::path dir = with_config(scratch,
                             "# the audit of the fixture Django log, as a team would commit it\n"
                             "[connection]\ndb = " + json(test_dsn()).dump() + "\n"
                             "[log]\nlog = [" + json((logs / "django.log").string()).dump() + "]\n"
                             "[replay]\nruns = 1\nquiet = true\n"
                             "[advisor]\nmax_indexes = 1\n"
                             "[rewrites]\nno-rewrites = true\n"
                             "[report]\nformat = \"json\"\n");
  CommandResult from_file = run_in(dir, "audit");
  INFO(from_file.err);
  REQUIRE(from_file.exit_code == 0);
  json report = json::parse(from_file.out);
  CHECK(report["indexes"].size() == 1);       // max_indexes from the file
  CHECK(report["rewrites"].empty());          // no-rewrites from the file
  CHECK(report["statements"].get<long long>() > 50);

  CommandResult more = run_in(dir, "audit --max-indexes 3");
  INFO(more.err);
  REQUIRE(more.exit_code == 0);
  size_t proposed = json::parse(more.out)["indexes"].size();
  CHECK(proposed > 1);
  CHECK(proposed <= 3);
  CommandResult text = run_in(dir, "audit --format text");
  REQUIRE(text.exit_code == 0);
  CHECK(has(text.out, "pgadvisor audit of"));  // text, not JSON
  CHECK(!has(text.out, "\"indexes\""));
}

TEST_CASE("exclude-table (or exclude-table in [advisor]) keeps indexes off a table, and says so", "[pg][config]") {
  std::string log = shell_quote(fixture_path("blog/logs/django.log"));
  std::string common = "audit -q --runs 1 --no-rewrites --format json --db " + shell_quote(test_dsn()) + " --log " + log;
  json all = json::parse(run_pgadvisor(common).out);
  auto on_blog_post = [](const json& report) {
    long long count = 0;
    for (const auto& index : report["indexes"]) count += index["table"] == "blog_post";
    return count;
  };
  REQUIRE(on_blog_post(all) > 0);  // the list page's index, at least

  const TempDir scratch("config-exclude");
  fs::path dir = with_config(scratch, "[advisor]\nexclude-table = [\"blog_post\"]\n");
  CommandResult excluded = run_in(dir, common);
  INFO(excluded.err);
  REQUIRE(excluded.exit_code == 0);
  json report = json::parse(excluded.out);
  CHECK(on_blog_post(report) == 0);
  CHECK(!report["indexes"].empty());  // the other tables still get theirs
  bool said = false;
  for (const auto& d : report["diagnostics"])
    said = said || d["message"].get<std::string>().find("on blog_post not considered (--exclude-table)") != std::string::npos;
  CHECK(said);
}
