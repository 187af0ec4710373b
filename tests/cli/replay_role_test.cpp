// Least privilege by the database's own rules: with a replay role set up by `pgadvisor
// setup-role --apply`, a statement the user trusted (--allow-function) that tries to terminate
// another backend, create a replication slot or write a server file is refused by PostgreSQL
// itself, and pgadvisor reports the database's refusal; the victim lives, no slot, no file.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/hidden_server_file.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

const char* const kRole = "pgadvisor_test_replay";
const char* const kDatabase = "pgadvisor_scratch_role";

// A superuser session of another client, busy for a while; ended by the destructor.
struct Victim {
  int pid = 0;  // psql's
  explicit Victim(const std::string& dsn) {
    std::string command = "/usr/lib/postgresql/15/bin/psql -X -q -d " + shell_quote(dsn + " application_name=pgadvisor-victim") +
                          " -c 'SELECT pg_sleep(60)' >/dev/null 2>&1 & echo $!";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    REQUIRE(std::fscanf(pipe, "%d", &pid) == 1);
    ::pclose(pipe);
  }
  ~Victim() {
    if (pid > 0) ::kill(pid, SIGTERM);
  }
};

// Drops the scratch database and the role, whatever the test did.
struct DropRoleAfter {
  ~DropRoleAfter() {
    std::system(("/usr/lib/postgresql/15/bin/psql -X -q -d " + shell_quote(admin_dsn_for("postgres")) +
                 " -c 'DROP DATABASE IF EXISTS " + kDatabase + " WITH (FORCE)' -c 'DROP ROLE IF EXISTS " + kRole +
                 "' >/dev/null 2>&1").c_str());
  }
};

long long count_of(Session& session, const std::string& sql) {
  long long count = 0;
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) { count = std::stoll(tx.query(sql)[0][0].value_or("0")); });
  return count;
}

}  // namespace

TEST_CASE("the replay role cannot terminate a backend, create a slot or write a server file", "[pg][safety][role]") {
  DropRoleAfter drop_role;
  const HiddenServerFile server_file;  // absent now, removed at the end
  const std::string dsn = scratch_database(kDatabase, read_text_file(fixture_path("hidden/schema.sql")));
  CommandResult setup = run_pgadvisor(std::string("setup-role --db ") + shell_quote(dsn) + " --role " + kRole + " --apply");
  INFO(setup.err);
  REQUIRE(setup.exit_code == 0);
  CHECK(setup.err.find("is ready in database") != std::string::npos);

  Session session(dsn, {});
  Victim victim(dsn);
  const std::string victims = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgadvisor-victim'";
  for (int i = 0; i < 200 && count_of(session, victims) == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  REQUIRE(count_of(session, victims) == 1);
  const std::vector<std::string> before = database_checksum(session);
  const long long slots_before = count_of(session, "SELECT count(*) FROM pg_replication_slots");

  ScratchDirectory scratch;
  CommandResult result = run_pgadvisor(
      "replay -q --db " + shell_quote(dsn) + " --log " + shell_quote(fixture_path("hidden/hidden.log")) +
      " --replay-role " + kRole + " --allow-function kill_victims --allow-function make_slot "
      "--allow-function write_server_file --statement-timeout 1s --client-grace 1s --runs 1 -o " + scratch.path + "/w.json");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const json workload = json::parse(read_text_file(scratch.path + "/w.json"));
  CHECK(workload["replay_role"]["switched"] == true);
  CHECK(workload["replay_role"]["role"] == kRole);
  CHECK(workload["replay_role"]["login_is_superuser"] == true);
  CHECK(workload["replay_role"]["warnings"].empty());

  std::map<std::string, json> replays;
  for (const auto& tmpl : workload["templates"])
    for (const auto& sample : tmpl["samples"]) replays[sample["statement"]["sql"]] = sample["replay"];
  // The database refuses to run them; a plain EXPLAIN still plans them (nothing runs), so they
  // are kept as explained, the refusal in the reason.
  auto refused_by_database = [&](const std::string& sql, const std::string& message) {
    INFO(sql << ": " << replays[sql].dump());
    CHECK(replays[sql]["status"] == "explained");
    CHECK(replays[sql]["reason"].get<std::string>().rfind("EXPLAIN ANALYZE failed (", 0) == 0);
    CHECK(replays[sql]["reason"].get<std::string>().find(message) != std::string::npos);
  };
  refused_by_database("SELECT killed FROM victims_killed;", "must be a superuser to terminate superuser process");
  refused_by_database("SELECT slot FROM slot_made;", "must be superuser or replication role to use replication slots");
  refused_by_database("SELECT written FROM file_written;", "permission denied for function lo_export");
  CHECK(replays["SELECT owner, balance FROM accounts WHERE id = 42;"]["status"] == "analyzed");  // the role reads

  CHECK(count_of(session, victims) == 1);
  CHECK(count_of(session, "SELECT count(*) FROM pg_replication_slots") == slots_before);
  CHECK_FALSE(server_file.exists());
  CHECK(database_checksum(session) == before);
}

TEST_CASE("an audit run as the replay role replays what the superuser's does, and advises and verifies", "[pg][safety][role]") {
  const std::string database = "pgadvisor_scratch_blog_role", role = "pgadvisor_test_blog_replay";
  struct Cleanup {
    std::string database, role;
    ~Cleanup() {
      std::system(("/usr/lib/postgresql/15/bin/psql -X -q -d " + shell_quote(admin_dsn_for("postgres")) +
                   " -c 'DROP DATABASE IF EXISTS " + database + " WITH (FORCE)' -c 'DROP ROLE IF EXISTS " + role +
                   "' >/dev/null 2>&1").c_str());
    }
  } cleanup{database, role};
  FILE* load = ::popen(("cd " + shell_quote(PGADVISOR_SOURCE_DIR) + " && fixtures/blog/load " +
                        shell_quote(admin_dsn_for("postgres")) + " --db " + database + " 2>/dev/null").c_str(), "r");
  REQUIRE(load != nullptr);
  char line[512] = {0};
  const bool read = std::fgets(line, sizeof line, load) != nullptr;
  ::pclose(load);
  REQUIRE(read);
  std::string dsn = line;
  while (!dsn.empty() && (dsn.back() == '\n' || dsn.back() == ' ')) dsn.pop_back();
  REQUIRE(dsn.find(database) != std::string::npos);
  REQUIRE(run_pgadvisor("setup-role --db " + shell_quote(dsn) + " --role " + role + " --apply").exit_code == 0);

  ScratchDirectory scratch;
  auto audit = [&](const std::string& target, const std::string& flags, const std::string& name) {
    CommandResult result = run_pgadvisor("audit --format json --db " + shell_quote(target) + " --log " +
                                         shell_quote(fixture_path("blog/logs/django.log")) + flags + " -o " +
                                         scratch.path + "/" + name);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return json::parse(read_text_file(scratch.path + "/" + name));
  };
  const json as_role = audit(dsn, " --replay-role " + role + " --verify", "role.json");
  const json as_superuser = audit(dsn, " --replay-role ''", "superuser.json");  // the same data and statistics
  CHECK(as_role["replay_role"]["switched"] == true);
  CHECK(as_role["replay_role"]["warnings"].empty());
  CHECK(as_superuser["replay_role"]["switched"] == false);
  CHECK_FALSE(as_superuser["replay_role"]["warnings"].empty());

  // The same statuses template by template (the indexes chosen weigh measured times, which vary
  // between runs, so they are not compared one by one).
  auto statuses = [](const json& report) {
    std::map<std::string, std::string> by_fingerprint;
    for (const auto& tmpl : report["templates"]) by_fingerprint[tmpl["fingerprint"]] = tmpl["replay"]["status"];
    return by_fingerprint;
  };
  CHECK(statuses(as_role) == statuses(as_superuser));
  CHECK_FALSE(as_role["indexes"].empty());
  CHECK_FALSE(as_superuser["indexes"].empty());
  CHECK(as_role["verification"]["ran"] == true);
  for (const auto& tmpl : as_role["templates"]) {
    INFO(tmpl.dump());
    CHECK(tmpl["replay"]["status"] != "failed");
  }
  for (const auto& diagnostic : as_role["diagnostics"]) {
    INFO(diagnostic.dump());
    CHECK(diagnostic["message"].get<std::string>().find("permission denied") == std::string::npos);
    CHECK(diagnostic["message"].get<std::string>().find("unavailable") == std::string::npos);
  }
}
