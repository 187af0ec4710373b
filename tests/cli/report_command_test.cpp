// `pgadvisor report`: one audit saved as JSON, rendered again as text, Markdown, HTML and JSON
// without a database; every format names the same indexes and rewrites, rendering twice gives
// the same bytes, and a file that is not a JSON report is refused.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

TEST_CASE("report: a saved JSON report renders in every format, the same indexes and rewrites in each", "[pg][cli][report]") {
  TempDir dir;
  const std::string saved = dir.file("audit.json");
  CommandResult audit = run_pgadvisor("audit -q --runs 1 --db " + shell_quote(test_dsn()) + " --log " +
                                      shell_quote(fixture_path("blog/logs/django.log")) + " --format json -o " +
                                      shell_quote(saved));
  INFO(audit.err);
  REQUIRE(audit.exit_code == 0);
  json report = json::parse(read_text_file(saved));
  REQUIRE_FALSE(report["indexes"].empty());

  CommandResult again = run_pgadvisor("report " + shell_quote(saved) + " --format json");
  REQUIRE(again.exit_code == 0);
  CHECK(json::parse(again.out) == report);  // the saved run, unchanged

  for (const char* format : {"text", "markdown", "html"}) {
    CommandResult rendered = run_pgadvisor(std::string("report ") + shell_quote(saved) + " --top 100 --format " + format);
    INFO(format << ": " << rendered.err);
    REQUIRE(rendered.exit_code == 0);
    for (const auto& index : report["indexes"]) CHECK(rendered.out.find(index["name"].get<std::string>()) != std::string::npos);
    for (const auto& rewrite : report["rewrites"])
      if (rewrite["verdict"] == "proposed")
        CHECK(rendered.out.find(rewrite["kind"].get<std::string>()) != std::string::npos);
    // no database, no clock: the same bytes every time, to a file as to standard output
    const std::string file = dir.file(std::string("again.") + format);
    REQUIRE(run_pgadvisor(std::string("report ") + shell_quote(saved) + " --top 100 --format " + format + " -o " +
                          shell_quote(file))
                .exit_code == 0);
    CHECK(read_text_file(file) == rendered.out);
  }
}

TEST_CASE("report: a file that is not a JSON report is refused with its name", "[cli][report]") {
  TempDir dir;
  const std::string other = dir.file("other.json");
  std::ofstream(other) << R"({"format": "pgadvisor-workload", "version": 1, "templates": []})";
  CommandResult refused = run_pgadvisor("report " + shell_quote(other));
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("report: " + other + " is not a pgadvisor JSON report") != std::string::npos);
  CommandResult missing = run_pgadvisor("report " + shell_quote(dir.file("missing.json")));
  CHECK(missing.exit_code == 3);
  CHECK(missing.err.find("cannot read") != std::string::npos);
}
