// `pgadvisor templates`: ingest only. The same traffic captured as stderr, csvlog and jsonlog
// gives the same templates with the same call counts, compressed or not, from a file or stdin.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

json templates_json(const std::string& arguments) {
  CommandResult result = run_pgadvisor("templates --format json " + arguments);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out);
}

std::map<std::string, long long> calls_by_fingerprint(const json& report) {
  std::map<std::string, long long> calls;
  for (const auto& tmpl : report["templates"]) calls[tmpl["fingerprint"]] = tmpl["calls"];
  return calls;
}

}  // namespace

TEST_CASE("stderr, csvlog and jsonlog of the same traffic give the same templates", "[cli][log]") {
  json stderr_log = templates_json("--log " + shell_quote(fixture_path("blog/logs/formats/postgresql.log")));
  json csvlog = templates_json("--log " + shell_quote(fixture_path("blog/logs/formats/postgresql.csv")));
  json jsonlog = templates_json("--log " + shell_quote(fixture_path("blog/logs/formats/postgresql.json")));
  CHECK(stderr_log["statements"] == 85);
  CHECK(stderr_log["templates"].size() == 23);
  CHECK(calls_by_fingerprint(stderr_log) == calls_by_fingerprint(csvlog));
  CHECK(calls_by_fingerprint(stderr_log) == calls_by_fingerprint(jsonlog));
  CHECK(stderr_log["templates"][0]["total_ms"] == csvlog["templates"][0]["total_ms"]);
  CHECK(stderr_log["diagnostics"].empty());
  CHECK(csvlog["diagnostics"].empty());
  CHECK(jsonlog["diagnostics"].empty());
}

TEST_CASE("the Django log and the server log of one run give the same templates", "[cli][log]") {
  auto django = calls_by_fingerprint(templates_json("--log " + shell_quote(fixture_path("blog/logs/django.log"))));
  auto server = calls_by_fingerprint(templates_json("--log " + shell_quote(fixture_path("blog/logs/postgresql.log"))));
  CHECK(server.size() == django.size() + 1);  // SET TIME ZONE, sent by Django on connecting, unlogged
  for (const auto& [fingerprint, calls] : django) CHECK(server[fingerprint] == calls);
}

TEST_CASE("compressed logs and standard input", "[cli][log]") {
  std::string log = fixture_path("blog/logs/formats/postgresql.json");
  auto plain = calls_by_fingerprint(templates_json("--log " + shell_quote(log)));
  const TempDir dir("templates");
  const std::string gz = shell_quote(dir.file("postgresql.json.gz"));
  REQUIRE(std::system(("gzip -c " + shell_quote(log) + " > " + gz).c_str()) == 0);
  CHECK(calls_by_fingerprint(templates_json("--log " + gz)) == plain);
  json piped = templates_json("--log - < " + gz);
  CHECK(calls_by_fingerprint(piped) == plain);
  CHECK(piped["templates"][0]["sample"]["source"] == "-");
}

TEST_CASE("templates read with one thread and with several give the same report", "[cli][log][parallel]") {
  // The fixture app's captured stderr logs over and over, with a line no reader knows each time
  // round: about 10 MB, three pieces of a parallel read, diagnostics in each.
  std::string round;
  for (const char* log : {"blog/logs/pgbench_extended.log", "blog/logs/formats/extras.log",
                          "blog/logs/postgresql.log", "blog/logs/findings.log"}) {
    std::ifstream in(fixture_path(log), std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    round += text.str();
  }
  round += "a line of another program\n";
  const TempDir dir("templates-jobs");
  const std::string path = dir.file("postgresql.log");
  {
    std::ofstream out(path, std::ios::binary);
    for (size_t size = 0; size < (size_t{10} << 20); size += round.size()) out << round;
  }
  const std::string log = "--log " + shell_quote(path);
  json serial = templates_json(log + " --jobs 1");
  CHECK(serial["statements"].get<long long>() > 15000);
  CHECK(serial["diagnostics"].size() > 30);
  CHECK(templates_json(log + " --jobs 2") == serial);
  CHECK(templates_json(log + " --jobs 5") == serial);
}
