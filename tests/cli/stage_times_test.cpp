// Where an audit's time went: the JSON report's `stages` start with the replay and list every
// stage the pipeline ran, in its order (the blog database is a Django project's: the Django
// mapping runs); --verbose prints the same on standard error.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

TEST_CASE("stage times: the report and --verbose list every stage in the pipeline's order", "[pg][cli][stages]") {
  CommandResult result = run_pgadvisor("audit -q --verbose --runs 1 --db " + shell_quote(test_dsn()) + " --log " +
                                       shell_quote(fixture_path("blog/logs/django.log")) + " --format json");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  json report = json::parse(result.out);
  std::vector<std::string> names;
  for (const auto& stage : report["stages"]) {
    names.push_back(stage["name"]);
    CHECK(stage["outcome"] == "done");
    CHECK(stage["seconds"].get<double>() >= 0);
  }
  const std::vector<std::string> expected = {"replay", "findings", "connect", "rewrites", "index advice",
                                             "finding savings", "django mapping", "relation check", "reconcile"};
  CHECK(names == expected);
  size_t at = 0;
  for (const auto& name : expected) {
    size_t found = result.err.find("pgadvisor: stage " + name + " ", at);
    CHECK(found != std::string::npos);  // each stage on its line, in order
    if (found != std::string::npos) at = found;
  }
  CHECK(result.err.find("pgadvisor: stage (all)") != std::string::npos);

  CommandResult quiet = run_pgadvisor("audit -q --runs 1 --no-rewrites --db " + shell_quote(test_dsn()) + " --log " +
                                      shell_quote(fixture_path("blog/logs/django.log")) + " --format json");
  REQUIRE(quiet.exit_code == 0);
  CHECK(quiet.err.find("pgadvisor: stage") == std::string::npos);  // only with --verbose
}
