// `audit -o FORMAT:PATH ...`: one audit writes every format and the migration; each report file
// is exactly what `pgadvisor report` renders from the JSON file of that run (one run, one set of
// figures), each names the same indexes and shows the same rewrite speedups, and the SQL
// migration creates the same indexes. Bad -o combinations are usage errors.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("audit outputs: one run writes every format with the same figures", "[pg][cli][report][outputs]") {
  TempDir dir("outputs");
  auto out = [&](const std::string& name) { return shell_quote(dir.file(name)); };
  CommandResult audit = run_pgadvisor("audit -q --runs 1 --db " + shell_quote(test_dsn()) + " --log " +
                                      shell_quote(fixture_path("blog/logs/django.log")) + " --top 100" +
                                      " -o markdown:" + out("audit.md") + " -o json:" + out("audit.json") +
                                      " -o html:" + out("audit.html") + " -o text:" + out("audit.txt") +
                                      " -o sql:" + out("indexes.sql"));
  INFO(audit.err);
  REQUIRE(audit.exit_code == 0);
  CHECK(audit.out.empty());  // everything went to the files
  json report = json::parse(read_text_file(dir.file("audit.json")));
  REQUIRE_FALSE(report["indexes"].empty());

  const std::string sql = read_text_file(dir.file("indexes.sql"));
  for (const auto& index : report["indexes"])
    CHECK(contains(sql, "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + index["name"].get<std::string>()));

  bool rewrite_checked = false;
  const std::pair<std::string, std::string> files[] = {{"text", "audit.txt"}, {"markdown", "audit.md"}, {"html", "audit.html"}};
  for (const auto& [format, name] : files) {
    const std::string written = read_text_file(dir.file(name));
    // the same run: rendering the JSON file again gives these very bytes
    CommandResult rendered =
        run_pgadvisor("report " + out("audit.json") + " --top 100 --color never --format " + format);
    INFO(format << ": " << rendered.err);
    REQUIRE(rendered.exit_code == 0);
    CHECK(rendered.out == written);
    for (const auto& index : report["indexes"]) CHECK(contains(written, index["name"].get<std::string>()));
    for (const auto& rewrite : report["rewrites"]) {
      if (rewrite["verdict"] != "proposed" || !rewrite.contains("speedup")) continue;
      const std::string times = format == "html" ? "\u00d7" : "x";
      CHECK(contains(written, fmt::format("{:.1f}{}", rewrite["speedup"].get<double>(), times)));
      rewrite_checked = true;
    }
  }
  CHECK(rewrite_checked);  // the blog log has an IN-subquery worth rewriting
}

TEST_CASE("audit outputs: bad -o combinations are usage errors before anything runs", "[cli][outputs]") {
  TempDir dir("outputs-bad");
  const std::string log = " --db 'host=/nonexistent dbname=x' --log " + shell_quote(fixture_path("blog/logs/django.log"));
  CommandResult two_plain = run_pgadvisor("audit" + log + " -o " + dir.file("a") + " -o " + dir.file("b"));
  CHECK(two_plain.exit_code == 2);
  CHECK(contains(two_plain.err, "pgadvisor: -o " + dir.file("b") + ": only one -o may be a plain path"));
  CommandResult two_stdout = run_pgadvisor("audit" + log + " -o text:- -o json:-");
  CHECK(two_stdout.exit_code == 2);
  CHECK(contains(two_stdout.err, "only one output can go to standard output"));
  CommandResult same = run_pgadvisor("audit" + log + " -o json:" + dir.file("a") + " -o markdown:" + dir.file("a"));
  CHECK(same.exit_code == 2);
  CHECK(contains(same.err, "that path is already an output"));
  CommandResult unused_migration = run_pgadvisor("audit" + log + " --migration sql -o json:" + dir.file("a"));
  CHECK(unused_migration.exit_code == 2);
  CHECK(contains(unused_migration.err, "--migration sql: every -o names its own format"));
  CommandResult unused_format = run_pgadvisor("audit" + log + " --format html -o json:" + dir.file("a"));
  CHECK(unused_format.exit_code == 2);
  CHECK(contains(unused_format.err, "--format html: every -o names its own format"));
  CommandResult journal = run_pgadvisor("audit" + log + " --journal " + dir.file("b") + " -o json:" + dir.file("a") +
                                        " -o markdown:" + dir.file("b"));
  CHECK(journal.exit_code == 2);
  CHECK(contains(journal.err, "is an output file"));
  CommandResult empty = run_pgadvisor("audit" + log + " -o html:");
  CHECK(empty.exit_code == 2);
  CHECK(contains(empty.err, "no path after the format"));
}
