// A replay whose server stops mid-run, on a private sandbox of its own: it ends with exit 3 and
// says so, the workload it writes holds what was measured before, marked server_lost, and once
// the server is back `--resume` replays only what is missing and ends complete.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

// A sandbox server of the test's own (scripts/pg-sandbox) in a directory of its own, removed at
// the end, failed or not. As root the server runs as postgres: the directory is opened to it.
struct PrivateServer {
  TempDir scratch{"server-lost"};
  std::string dir = scratch.file("sandbox");
  std::string dsn;
  std::string sandbox = "PGADVISOR_SANDBOX=" + shell_quote(dir) + " " + shell_quote(fixture_path("../scripts/pg-sandbox"));

  PrivateServer() {
    REQUIRE(::chmod(scratch.path.c_str(), 0755) == 0);
    const std::string dsn_file = scratch.file("dsn");
    const int started = run_shell(sandbox + " start >" + shell_quote(dsn_file) + " 2>&1");
    if (started != 0) run_shell(sandbox + " stop >/dev/null 2>&1");  // no destructor runs for a failed constructor
    INFO(read_text_file(dsn_file));
    REQUIRE(started == 0);
    dsn = read_text_file(dsn_file);
    dsn.erase(dsn.find_last_not_of("\n") + 1);
  }
  ~PrivateServer() { run_shell(sandbox + " stop >/dev/null 2>&1"); }  // before scratch goes
  // pg_ctl as the server's user (root may not run it)
  int pg_ctl(const std::string& arguments) const {
    const std::string as_user = ::getuid() == 0 ? "runuser -u postgres -- " : "";
    return run_shell(as_user + "/usr/lib/postgresql/15/bin/pg_ctl -D " + shell_quote(dir + "/data") + " " + arguments +
                     " >/dev/null 2>&1");
  }
};

size_t lines_in(const std::string& path) {
  std::ifstream in(path);
  size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

}  // namespace

TEST_CASE("a replay that loses its server exits 3, keeps what it measured, and --resume ends it", "[pg][cli][resume]") {
  PrivateServer server;
  run_psql(server.dsn, "CREATE TABLE readings AS SELECT g AS id, g % 100 AS sensor, (g * 7) % 1000 AS value "
                       "FROM generate_series(1, 300000) AS g; ANALYZE readings;");
  ScratchDirectory scratch;
  const std::string log = scratch.path + "/readings.sql", out = scratch.path + "/w.json";
  std::ofstream(log) << "SELECT count(*) FROM readings WHERE sensor = 1;\n"
                        "SELECT max(value) FROM readings WHERE id < 150000;\n"
                        "SELECT sensor, count(*) FROM readings GROUP BY sensor;\n"
                        "SELECT id FROM readings ORDER BY value DESC LIMIT 5;\n"
                        "SELECT count(DISTINCT value) FROM readings;\n"
                        "SELECT avg(value) FROM readings WHERE sensor < 50;\n"
                        "SELECT min(id) FROM readings WHERE value = 999;\n"
                        "SELECT sum(id) FROM readings WHERE id % 7 = 0;\n";
  const std::string command = "replay -q --db " + shell_quote(server.dsn) + " --log " + shell_quote(log) +
                              " --runs 10 -j 1 -o " + shell_quote(out);

  CommandResult lost;
  std::thread replay([&] { lost = run_pgadvisor_within(300, command); });
  const bool midway = [&] {
    for (int i = 0; i < 24000; ++i, std::this_thread::sleep_for(std::chrono::milliseconds(5)))
      if (lines_in(out + ".journal") >= 3) return true;  // the header and two templates
    return false;
  }();
  const bool stopped = midway && server.pg_ctl("-m immediate stop") == 0;
  replay.join();
  REQUIRE(midway);
  REQUIRE(stopped);
  INFO(lost.err);
  CHECK(lost.exit_code == 3);
  CHECK_THAT(lost.err, Catch::Contains("lost") && Catch::Contains("--resume"));
  const json partial = json::parse(read_text_file(out));
  CHECK(partial["server_lost"] == true);
  size_t analyzed = 0;
  for (const auto& tmpl : partial["templates"]) analyzed += tmpl["samples"][0]["replay"]["status"] == "analyzed";
  CHECK(analyzed >= 2);
  CHECK(analyzed < 8);

  REQUIRE(server.pg_ctl("-l " + shell_quote(server.dir + "/server.log") + " -w -t 60 start") == 0);
  CommandResult resumed = run_pgadvisor(command + " --resume");
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  const json whole = json::parse(read_text_file(out));
  CHECK(whole["server_lost"] == false);
  REQUIRE(whole["templates"].size() == 8);
  for (const auto& tmpl : whole["templates"]) CHECK(tmpl["samples"][0]["replay"]["status"] == "analyzed");
  CHECK(access((out + ".journal").c_str(), F_OK) != 0);
}
