// Safety by construction against fixtures/hidden: statements that look harmless but execute side
// effects through code their text does not show — a function behind a view, an operator, a cast,
// a mislabelled IMMUTABLE function, a partition's trigger, a two-level cascade, a quoted
// mixed-case table's trigger, a sequence default reached through SET col = DEFAULT and through an
// auto-updatable view. Replay and audit, with and without --analyze-writes, leave every row,
// sequence, lock, slot and catalog as it was, and each statement not measured says why.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>

#include "tests/support/hidden_server_file.hpp"
#include "tests/support/replay_outcomes.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

// What a rollback would not undo, cluster-wide: advisory locks, replication slots, prepared
// transactions, the file a server-side write would leave (HiddenServerFile).
std::vector<std::string> cluster_state(Session& session) {
  std::vector<std::string> lines;
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    for (const char* sql : {"SELECT 'advisory locks ' || count(*) FROM pg_locks WHERE locktype = 'advisory'",
                            "SELECT 'slots ' || count(*) FROM pg_replication_slots",
                            "SELECT 'prepared ' || count(*) FROM pg_prepared_xacts",
                            "SELECT 'functions ' || count(*) FROM pg_proc",
                            "SELECT 'roles ' || string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles"})
      lines.push_back(tx.query(sql)[0][0].value_or(""));
  });
  lines.push_back(std::string("server file ") + (HiddenServerFile::exists() ? "present" : "absent"));
  return lines;
}

// Calls of the database's own functions since the statistics began (flushed by sessions that ended).
long long user_function_calls(Session& session) {
  long long calls = -1;
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    tx.query("SELECT pg_stat_clear_snapshot()");
    calls = std::stoll(tx.query("SELECT coalesce(sum(calls), 0)::text FROM pg_stat_user_functions")[0][0].value_or("-1"));
  });
  return calls;
}

const std::string kRead = "SELECT owner, balance FROM accounts WHERE id = 42;";
const std::string kView = "SELECT id, owner, token FROM locked_accounts WHERE id = 7;";
const std::string kOperator = "SELECT count(*) FROM accounts WHERE id === 5;";
const std::string kCast = "SELECT owner::tag FROM accounts WHERE id = 3;";
const std::string kImmutable = "SELECT count(*) FROM accounts WHERE id = account_bucket(7);";
const std::string kPartitionUpdate = "UPDATE events SET note = 'seen' WHERE at = '2026-03-01';";
const std::string kPartitionInsert = "INSERT INTO events (id, at, note) VALUES (1000, '2026-01-02', 'new');";
const std::string kCascade = "DELETE FROM orders WHERE id = 1;";
const std::string kQuoted = "UPDATE \"Ledger\" SET amount = amount + 1 WHERE id = 1;";
const std::string kSetDefault = "UPDATE tickets SET number = DEFAULT WHERE id = 1;";
const std::string kViewInsert = "INSERT INTO open_tickets (id, status) VALUES (1000, 'open');";
const std::string kStubborn = "SELECT stubborn_wait();";

}  // namespace

TEST_CASE("code a statement does not show is never executed, and each refusal says why", "[pg][safety][closure]") {
  const std::string dsn = scratch_database("pgadvisor_scratch_hidden", read_text_file(fixture_path("hidden/schema.sql")));
  // Every call of a user function is counted (pg_stat_user_functions): none may happen.
  run_psql(admin_dsn_for("postgres"), "ALTER DATABASE pgadvisor_scratch_hidden SET track_functions = 'all'");
  Session session(dsn, {});
  const HiddenServerFile server_file;  // absent before, so cluster_state() sees one this test's runs write
  const std::vector<std::string> before = database_checksum(session);
  const std::vector<std::string> cluster_before = cluster_state(session);
  REQUIRE(before.size() >= 12);
  ScratchDirectory scratch;
  const std::string out = scratch.path + "/workload.json";

  for (const std::string flags : {"", " --analyze-writes"}) {
    INFO("flags:" << flags);
    CommandResult result = run_pgadvisor("replay -q --db " + shell_quote(dsn) + " --log " +
                                         shell_quote(fixture_path("hidden/hidden.log")) +
                                         " --statement-timeout 1s --client-grace 1s --runs 1" + flags + " -o " + out);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    std::map<std::string, ReplayOutcome> got = replay_outcomes(json::parse(read_text_file(out)));
    REQUIRE(got.size() == 16);
    auto expect = [&](const std::string& sql, const std::string& status, const std::string& reason) {
      INFO(sql << "\n  reason: " << got[sql].reason);
      CHECK(got[sql].status == status);
      CHECK(got[sql].reason.find(reason) != std::string::npos);
    };

    CHECK(got[kRead].status == "analyzed");
    // Run only when executed: planned, not analyzed.
    expect(kView, "explained", "view locked_accounts calls take_lock(), a volatile plpgsql function");
    expect(kCast, "explained", "the cast text AS tag calls to_tag()");
    expect("SELECT killed FROM victims_killed;", "explained", "view victims_killed calls kill_victims()");
    expect("SELECT slot FROM slot_made;", "explained", "view slot_made calls make_slot()");
    expect("SELECT written FROM file_written;", "explained", "view file_written calls write_server_file()");
    // Run by the planner itself: not even planned.
    expect(kOperator, "refused", "uses operator ===(integer,integer), which calls bump_equals(), an IMMUTABLE plpgsql");
    expect(kImmutable, "refused", "calls account_bucket(), an IMMUTABLE plpgsql function, which the planner runs");
    expect(kStubborn, "refused", "calls stubborn_wait(), a STABLE plpgsql function");
    for (const auto* sql : {&kOperator, &kImmutable, &kStubborn}) CHECK(got[*sql].reason.find("not planned") != std::string::npos);

    if (flags.empty()) {
      for (const auto* sql : {&kPartitionUpdate, &kPartitionInsert, &kCascade, &kQuoted, &kSetDefault, &kViewInsert})
        expect(*sql, "explained", "--analyze-writes");
    } else {
      expect(kPartitionUpdate, "explained", "trigger events_2026_log on events_2026 (partition of events) calls");
      expect(kPartitionInsert, "explained", "trigger events_2026_log on events_2026 (partition of events) calls");
      expect(kCascade, "explained", "trigger line_notes_log on line_notes (reached by ON DELETE CASCADE of foreign key "
                                    "line_notes_line_id_fkey from order_lines)");
      expect(kQuoted, "explained", "trigger ledger_bump on \"Ledger\" calls");
      expect(kSetDefault, "explained", "the default of column number of tickets calls nextval()");
      expect(kViewInsert, "explained", "the default of column number of tickets (base table of view open_tickets) calls nextval()");
    }
    CHECK(database_checksum(session) == before);
    CHECK(cluster_state(session) == cluster_before);
  }

  for (const std::string flags : {"", " --analyze-writes"}) {
    INFO("audit" << flags);
    CommandResult result = run_pgadvisor("audit --format json --db " + shell_quote(dsn) + " --log " +
                                         shell_quote(fixture_path("hidden/hidden.log")) +
                                         " --statement-timeout 1s --client-grace 1s --runs 1 --verify" + flags +
                                         " -o " + out);
    INFO(result.err);
    CHECK((result.exit_code == 0 || result.exit_code == 1));
    const json report = json::parse(read_text_file(out));
    CHECK(report["templates"].size() == 16);
    CHECK(database_checksum(session) == before);
    CHECK(cluster_state(session) == cluster_before);
  }
  CHECK(user_function_calls(session) == 0);
}

TEST_CASE("a saved workload's statements are checked again before an audit runs them", "[pg][safety][closure]") {
  const std::string dsn = scratch_database("pgadvisor_scratch_hidden", read_text_file(fixture_path("hidden/schema.sql")));
  Session session(dsn, {});
  ScratchDirectory scratch;
  // Replayed trusting take_lock(): the view's statement is measured and saved as analyzed.
  CommandResult replay = run_pgadvisor("replay -q --db " + shell_quote(dsn) + " --log " +
                                       shell_quote(fixture_path("hidden/hidden.log")) +
                                       " --allow-function take_lock --statement-timeout 1s --runs 1 -o " + scratch.path + "/w.json");
  INFO(replay.err);
  REQUIRE(replay.exit_code == 0);
  CHECK(replay_outcomes(json::parse(read_text_file(scratch.path + "/w.json")))[kView].status == "analyzed");
  // Audited without that trust: the view's statement is not executed again.
  CommandResult audit = run_pgadvisor("audit --format json --db " + shell_quote(dsn) + " --workload " + scratch.path +
                                      "/w.json --verify -o " + scratch.path + "/report.json");
  INFO(audit.err);
  REQUIRE((audit.exit_code == 0 || audit.exit_code == 1));
  const json report = json::parse(read_text_file(scratch.path + "/report.json"));
  bool found = false;
  for (const auto& tmpl : report["templates"])
    if (tmpl["sample"]["sql"] == kView) {
      found = true;
      CHECK(tmpl["replay"]["status"] == "explained");
    }
  CHECK(found);
  bool diagnosed = false;
  for (const auto& diagnostic : report["diagnostics"])
    diagnosed = diagnosed || (diagnostic["statement"] == kView &&
                              diagnostic["message"].get<std::string>().find("is not run again on this database") != std::string::npos);
  CHECK(diagnosed);
}

TEST_CASE("a login with more power than replay needs is reported loudly", "[pg][safety][role]") {
  Session session(test_dsn(), {});  // the sandbox's superuser, with no replay role set up in this database
  CHECK(session.identity().login_is_superuser);
  CHECK_FALSE(session.identity().switched);
  ScratchDirectory scratch;
  CommandResult result = run_pgadvisor("audit --db " + shell_quote(test_dsn()) + " --replay-role pgadvisor_no_such_role --log " +
                                       shell_quote(fixture_path("blog/logs/django.log")) + " --no-rewrites -o " +
                                       scratch.path + "/audit.txt");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::string report = read_text_file(scratch.path + "/audit.txt");
  CHECK(report.find("replayed as postgres, a superuser") != std::string::npos);
  CHECK(report.find("WARNING: statements were replayed as role postgres") != std::string::npos);
  CHECK(report.find("a SUPERUSER") != std::string::npos);
}
