// The client-side deadline on a real server: a statement whose function swallows cancellation
// (trusted by the user with --allow-function) and a backend frozen by SIGSTOP. Each replay ends
// (the `timeout` guard never has to kill it), says what the deadline did, and leaves no backend
// of its own behind.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

// The line of fixtures/hidden/hidden.log that logs `sql`, as a log of its own.
std::string one_statement_log(const std::string& directory, const std::string& sql) {
  std::ifstream in(fixture_path("hidden/hidden.log"));
  std::string line, found;
  while (std::getline(in, line))
    if (line.size() >= sql.size() && line.compare(line.size() - sql.size(), sql.size(), sql) == 0) found = line;
  REQUIRE_FALSE(found.empty());
  const std::string path = directory + "/one.log";
  std::ofstream(path) << found << "\n";
  return path;
}

std::string first_reason(const std::string& workload_path) {
  const json workload = json::parse(read_text_file(workload_path));
  return workload["templates"][0]["samples"][0]["replay"]["reason"];
}

long long backends_of_pgadvisor(Session& session) {
  long long count = 0;
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    count = std::stoll(tx.query("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'pgadvisor%' "
                                "AND datname = current_database() AND pid <> pg_backend_pid()")[0][0].value_or("0"));
  });
  return count;
}

void wait_for_no_backend(Session& session) {
  for (int i = 0; i < 400 && backends_of_pgadvisor(session) > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  CHECK(backends_of_pgadvisor(session) == 0);
}

}  // namespace

TEST_CASE("a function that swallows cancellation is stopped by the deadline", "[pg][safety][deadline]") {
  const std::string dsn = scratch_database("pgadvisor_scratch_deadline", read_text_file(fixture_path("hidden/schema.sql")));
  Session session(dsn, {});
  ScratchDirectory scratch;
  const std::string log = one_statement_log(scratch.path, "SELECT stubborn_wait();");
  CommandResult result = run_pgadvisor_within(
      120, "replay -q --db " + shell_quote(dsn) + " --log " + log +
               " --allow-function stubborn_wait --statement-timeout 1s --client-grace 1s --runs 1 --no-warmup -o " +
               scratch.path + "/w.json");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);  // not 137: the guard did not have to kill it
  const std::string reason = first_reason(scratch.path + "/w.json");
  INFO(reason);
  CHECK(reason.find("did not return") == 0);
  CHECK(reason.find("canceled, its backend terminated") != std::string::npos);
  CHECK(reason.find("request to terminate it failed") == std::string::npos);
  wait_for_no_backend(session);
}

TEST_CASE("a backend frozen by SIGSTOP is abandoned and leaves nothing behind", "[pg][safety][deadline]") {
  const std::string dsn = scratch_database("pgadvisor_scratch_deadline", read_text_file(fixture_path("hidden/schema.sql")));
  Session session(dsn, {});
  ScratchDirectory scratch;
  const std::string log = one_statement_log(scratch.path, "SELECT pg_sleep(2);");
  CommandResult result;
  std::thread replay([&] {
    // a warm-up and three runs of 2 s each: four chances for the poller below to catch one
    result = run_pgadvisor_within(120, "replay -q --db " + shell_quote(dsn) + " --log " + log +
                                           " --statement-timeout 3s --client-grace 1s -o " + scratch.path + "/w.json");
  });
  long long frozen = 0;
  for (int i = 0; i < 2000 && frozen == 0; ++i) {
    session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
      Rows rows = tx.query("SELECT pid FROM pg_stat_activity WHERE application_name = 'pgadvisor' AND state = 'active' "
                           "AND query LIKE '%pg_sleep(2)%' AND pid <> pg_backend_pid()");
      if (!rows.empty()) frozen = std::stoll(rows[0][0].value_or("0"));
    });
    if (frozen == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const bool stopped = frozen > 0 && ::kill(static_cast<pid_t>(frozen), SIGSTOP) == 0;
  replay.join();
  if (frozen > 0) ::kill(static_cast<pid_t>(frozen), SIGCONT);  // it then ends: terminated, its client gone
  REQUIRE(frozen > 0);
  REQUIRE(stopped);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::string reason = first_reason(scratch.path + "/w.json");
  INFO(reason);
  CHECK(reason.find("did not return") == 0);
  CHECK(reason.find("the connection abandoned") != std::string::npos);
  wait_for_no_backend(session);
}
