// Never lose a run: Ctrl-C during --verify exits 130, writes the report marked interrupted and
// leaves none of the real indexes --verify built; a replay killed with SIGKILL and resumed
// with --resume writes the same workload (templates, statuses, plans) as an uninterrupted run.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

// The pid of the pgadvisor process whose command line holds `marker`; 0 when there is none.
pid_t pgadvisor_pid_with(const std::string& marker) {
  DIR* proc = ::opendir("/proc");
  pid_t found = 0;
  while (dirent* entry = proc ? ::readdir(proc) : nullptr) {
    const std::string pid = entry->d_name;
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in("/proc/" + pid + "/cmdline");
    std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    char exe[4096] = {};
    ssize_t n = ::readlink(("/proc/" + pid + "/exe").c_str(), exe, sizeof exe - 1);
    const std::string binary = n > 0 ? std::string(exe, static_cast<size_t>(n)) : "";
    if (cmdline.find(marker) != std::string::npos && binary.size() >= 10 &&
        binary.compare(binary.size() - 10, 10, "/pgadvisor") == 0)
      found = static_cast<pid_t>(std::stol(pid));
  }
  if (proc) ::closedir(proc);
  return found;
}

template <typename Condition>
bool wait_for(Condition condition, int seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

long long count_of(Session& session, const std::string& sql) {
  long long count = 0;
  session.rolled_back(TransactionMode::ReadOnly,
                      [&](Transaction& tx) { count = std::stoll(tx.query(sql)[0][0].value_or("0")); });
  return count;
}

size_t lines_in(const std::string& path) {
  std::ifstream in(path);
  size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

// What a replay measured, timings aside: per template its samples' statements, statuses,
// reasons and plan shapes (node types, relations, indexes).
json plan_shape(const json& plan) {
  json out = {{"node", plan.value("Node Type", "")}, {"relation", plan.value("Relation Name", "")},
              {"index", plan.value("Index Name", "")}, {"children", json::array()}};
  if (plan.contains("Plans"))
    for (const auto& child : plan["Plans"]) out["children"].push_back(plan_shape(child));
  return out;
}

json measured(const json& workload) {
  json out = json::array();
  for (const auto& tmpl : workload["templates"]) {
    json samples = json::array();
    for (const auto& sample : tmpl["samples"]) {
      const json& replay = sample["replay"];
      json plan = replay["plan"].is_array() && !replay["plan"].empty() ? plan_shape(replay["plan"][0]["Plan"]) : json();
      samples.push_back({{"sql", sample["statement"]["sql"]}, {"status", replay["status"]}, {"plan", plan}});
    }
    out.push_back({{"fingerprint", tmpl["fingerprint"]}, {"calls", tmpl["calls"]}, {"samples", samples}});
  }
  return out;
}

}  // namespace

TEST_CASE("Ctrl-C during --verify exits 130 and leaves none of its indexes", "[pg][cli][interrupt]") {
  Session session(test_dsn(), {});
  ScratchDirectory scratch;
  const std::string report = scratch.path + "/interrupted.json";
  const long long indexes_before = count_of(session, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'");
  CommandResult result;
  std::thread audit([&] {
    result = run_pgadvisor_within(300, "audit -q --db " + shell_quote(test_dsn()) + " --log " +
                                           shell_quote(fixture_path("blog/logs/django.log")) +
                                           " --verify --verify-runs 100 --format json -o " + report);
  });
  // --verify's transaction is the audit's only one with a transaction id: it built real indexes
  const bool verifying = wait_for(
      [&] {
        return count_of(session, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgadvisor' "
                                 "AND backend_xid IS NOT NULL") > 0;
      },
      240);
  const pid_t pid = pgadvisor_pid_with(report);
  if (verifying && pid > 0) ::kill(pid, SIGINT);
  audit.join();
  REQUIRE(verifying);
  REQUIRE(pid > 0);
  INFO(result.err);
  CHECK(result.exit_code == 130);
  CHECK_THAT(result.err, Catch::Contains("interrupted"));
  json written = json::parse(read_text_file(report));
  CHECK(written["interrupted"] == true);
  CHECK_FALSE(written["verification"]["ran"].get<bool>());
  CHECK_THAT(written["verification"]["note"].get<std::string>(), Catch::Contains("interrupted"));
  REQUIRE_FALSE(written["indexes"].empty());
  for (const auto& index : written["indexes"]) {
    const std::string name = index["name"];
    CHECK(count_of(session, "SELECT count(*) FROM pg_class WHERE relname = '" + name + "'") == 0);
  }
  CHECK(count_of(session, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'") == indexes_before);
  CHECK(wait_for(
      [&] { return count_of(session, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgadvisor' AND pid <> pg_backend_pid()") == 0; },
      10));
}

TEST_CASE("a replay killed with SIGKILL and resumed equals an uninterrupted one", "[pg][cli][resume]") {
  ScratchDirectory scratch;
  const std::string log = shell_quote(fixture_path("blog/logs/django.log"));
  const std::string common = "replay -q --db " + shell_quote(test_dsn()) + " --log " + log + " --runs 15 -j 1";
  const std::string whole = scratch.path + "/whole.json", resumed = scratch.path + "/resumed.json";
  CommandResult reference = run_pgadvisor(common + " -o " + whole);
  INFO(reference.err);
  REQUIRE(reference.exit_code == 0);
  CHECK(access((whole + ".journal").c_str(), F_OK) != 0);  // a whole run leaves no journal

  CommandResult killed;
  std::thread replay([&] { killed = run_pgadvisor_within(300, common + " -o " + resumed); });
  const std::string journal = resumed + ".journal";
  const bool midway = wait_for([&] { return lines_in(journal) >= 4; }, 240);  // the header and three samples
  const pid_t pid = pgadvisor_pid_with(resumed);
  if (midway && pid > 0) ::kill(pid, SIGKILL);
  replay.join();
  REQUIRE(midway);
  REQUIRE(pid > 0);
  REQUIRE(killed.exit_code != 0);
  // the killed run's backend ends within client_connection_check_interval: let it, before the
  // next measurement (here or in the next test) shares the server with it
  Session observer(test_dsn(), {});
  CHECK(wait_for(
      [&] {
        return count_of(observer, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgadvisor' "
                                  "AND pid <> pg_backend_pid()") == 0;
      },
      30));
  CHECK(access(resumed.c_str(), F_OK) != 0);  // nothing was written but the journal
  const size_t journaled = lines_in(journal) - 1;
  const size_t total = json::parse(read_text_file(whole))["templates"].size();
  REQUIRE(journaled < total);

  CommandResult finished = run_pgadvisor(common + " --resume -o " + resumed);
  INFO(finished.err);
  REQUIRE(finished.exit_code == 0);
  const json again = json::parse(read_text_file(resumed));
  CHECK(measured(again) == measured(json::parse(read_text_file(whole))));
  bool said = false;
  for (const auto& diagnostic : again["diagnostics"])
    said = said || diagnostic["reason"].get<std::string>().find(std::to_string(journaled) + " samples read back") == 0;
  CHECK(said);
  CHECK(access(journal.c_str(), F_OK) != 0);  // resumed to the end: the journal is gone

  // a journal of other settings is refused, not mixed in
  std::ofstream(journal) << "{\"format\":\"pgadvisor-replay-journal\",\"version\":1,\"run\":{}}\n";
  CommandResult other = run_pgadvisor(common + " --resume -o " + resumed);
  CHECK(other.exit_code == 2);
  CHECK_THAT(other.err, Catch::Contains("other logs or replay settings"));
}
