// `pgadvisor replay` end to end on the sandbox: the saved workload round-trips and `audit
// --workload` gives the advice `audit --log` gives; a replay whose connection is terminated
// from outside reconnects and measures every template once; Ctrl-C cancels the running
// statement and writes what was measured.
#include <catch2/catch.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "plans/workload/workload_file.hpp"
#include "tests/support/advice_compare.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

// The pid of a pgadvisor backend running an EXPLAIN whose text contains `like`, or 0.
int replaying_backend(Session& observer, const std::string& like) {
  int pid = 0;
  observer.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    Rows rows = tx.query(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgadvisor' AND pid <> pg_backend_pid() "
        "AND state = 'active' AND query LIKE '/* pgadvisor */ EXPLAIN (ANALYZE%' AND query LIKE '%' || $1 || '%' LIMIT 1",
        {like});
    if (!rows.empty()) pid = std::stoi(*rows[0][0]);
  });
  return pid;
}

std::vector<std::string> index_ddl(const std::string& report) {
  std::vector<std::string> ddl;
  const json parsed = json::parse(report);
  for (const auto& index : parsed["indexes"]) ddl.push_back(index["ddl"]);
  return ddl;
}

}  // namespace

TEST_CASE("the saved workload round-trips and audit --workload advises as audit --log", "[pg][replay]") {
  const TempDir dir("replay");
  const std::string path = dir.file("workload.json"), quoted = shell_quote(path);
  const std::string log = shell_quote(fixture_path("blog/logs/postgresql.log"));
  CommandResult replay = run_pgadvisor("replay -q --runs 2 --db " + shell_quote(test_dsn()) + " --log " + log + " -o " + quoted);
  INFO(replay.err);
  REQUIRE(replay.exit_code == 0);

  const std::string text = read_text_file(path);
  ReplayedWorkload workload = read_workload_file(path);
  CHECK(workload_to_json(workload) == json::parse(text));
  write_workload_file(workload, path + ".again");
  CHECK(read_text_file(path + ".again") == text);

  REQUIRE(workload.templates.size() > 10);
  CHECK(workload.server.version_num >= 150000);
  CHECK(workload.server.values.count("work_mem") == 1);
  CHECK(workload.server.values.count("random_page_cost") == 1);
  int analyzed = 0;
  for (const auto& entry : workload.templates) {
    const ReplayResult* result = entry.primary();
    REQUIRE(result != nullptr);
    if (result->status != ReplayStatus::Analyzed) continue;
    ++analyzed;
    CHECK(result->runs.size() == 2);
    CHECK(result->warmup);
    CHECK(entry.replayed_to_logged());  // faithful: replayed median over logged mean
  }
  CHECK(analyzed > 10);

  CommandResult from_log = run_pgadvisor("audit -q --runs 1 --format json --db " + shell_quote(test_dsn()) + " --log " + log);
  CommandResult from_file = run_pgadvisor("audit --format json --db " + shell_quote(test_dsn()) + " --workload " + quoted);
  INFO(from_file.err);
  REQUIRE(from_log.exit_code == 0);
  REQUIRE(from_file.exit_code == 0);
  CHECK_FALSE(index_ddl(from_file.out).empty());
  std::string why;
  bool agrees = advice_agrees(json::parse(from_file.out), json::parse(from_log.out), why);
  INFO(why);
  CHECK(agrees);
  // The same measurements give the same advice, in the same order.
  CommandResult again = run_pgadvisor("audit --format json --db " + shell_quote(test_dsn()) + " --workload " + quoted);
  CHECK(index_ddl(again.out) == index_ddl(from_file.out));

  CommandResult both = run_pgadvisor("audit --db " + shell_quote(test_dsn()) + " --workload " + quoted + " --log " + log);
  CHECK(both.exit_code == 2);
  CommandResult not_workload = run_pgadvisor("audit --db " + shell_quote(test_dsn()) + " --workload " + log);
  CHECK(not_workload.exit_code == 3);
  CHECK(not_workload.err.find("not valid JSON") != std::string::npos);
}

TEST_CASE("a replay whose connection is terminated reconnects and measures every template once", "[pg][replay]") {
  const TempDir dir("replay");
  const std::string path = dir.file("terminated.json");
  Session observer(test_dsn(), {});
  bool terminated = false;
  std::thread killer([&] {
    for (int i = 0; i < 6000 && !terminated; ++i) {
      int pid = replaying_backend(observer, "blog_post");
      if (pid != 0) {
        observer.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
          tx.query("SELECT pg_terminate_backend($1::int)", {std::to_string(pid)});
        });
        terminated = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  CommandResult replay = run_pgadvisor("replay -q -j 1 --runs 5 --db " + shell_quote(test_dsn()) + " --log " +
                                       shell_quote(fixture_path("blog/logs/postgresql.log")) + " -o " + shell_quote(path));
  killer.join();
  INFO(replay.err);
  REQUIRE(terminated);
  REQUIRE(replay.exit_code == 0);
  const json workload = json::parse(read_text_file(path));
  bool reconnected = false;
  for (const auto& d : workload["diagnostics"]) {
    CHECK(d["reason"].get<std::string>().find("terminat") == std::string::npos);
    if (d["reason"].get<std::string>().find("reconnected") != std::string::npos) reconnected = true;
  }
  CHECK(reconnected);
  for (const auto& tmpl : workload["templates"]) {
    REQUIRE(tmpl["samples"].size() == 1);
    const json& result = tmpl["samples"][0]["replay"];
    CHECK(result["status"] != "failed");
    if (result["status"] == "analyzed") CHECK(result["runs"].size() == 5);
  }
}

TEST_CASE("Ctrl-C cancels the running statement and writes what was measured", "[pg][replay]") {
  const TempDir dir("replay");
  const std::string sql = dir.file("interrupt.sql");
  const std::string path = dir.file("interrupted.json");
  std::ofstream(sql) << "SELECT count(*) FROM blog_post WHERE published;\nSELECT pg_sleep(60);\nSELECT count(*) FROM users_user;\n";
  Session observer(test_dsn(), {});
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    execl(PGADVISOR_BINARY, PGADVISOR_BINARY, "replay", "-q", "-j", "1", "--no-warmup", "--runs", "1",
          "--statement-timeout", "120s", "--db", test_dsn().c_str(), "--log", sql.c_str(), "-o", path.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  bool sent = false;
  for (int i = 0; i < 3000 && !sent; ++i) {
    if (replaying_backend(observer, "pg_sleep") != 0) {
      kill(child, SIGINT);
      sent = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(sent);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK(replaying_backend(observer, "pg_sleep") == 0);  // canceled, not left running

  const json workload = json::parse(read_text_file(path));
  CHECK(workload["interrupted"] == true);
  std::map<std::string, json> by_sql;
  for (const auto& tmpl : workload["templates"]) by_sql[tmpl["samples"][0]["statement"]["sql"]] = tmpl["samples"][0]["replay"];
  CHECK(by_sql["SELECT count(*) FROM blog_post WHERE published"]["status"] == "analyzed");
  CHECK(by_sql["SELECT pg_sleep(60)"]["reason"] == "interrupted (Ctrl-C) while it ran: canceled");
  CHECK(by_sql["SELECT count(*) FROM users_user"]["reason"] == "interrupted (Ctrl-C) before its turn: not replayed");
  CHECK(read_text_file(path + ".journal").find("\"key\"") != std::string::npos);  // kept for --resume
}
