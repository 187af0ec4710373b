// The replay safety contract against the hostile log (fixtures/hostile): DROP, TRUNCATE, DELETE
// without WHERE, UPDATE of a table with a trigger, INSERT into serial tables, nextval, setval,
// COPY TO PROGRAM, pg_sleep(3600), FOR UPDATE, a multi-statement string and a user function
// that writes — replayed by the binary with and without --analyze-writes. Every table, sequence
// and the schema stay as they were, no lock is left, and every statement that was not measured
// has a diagnostic with its reason.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/replay_outcomes.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

bool has_diagnostic(const json& workload, const std::string& sql, const std::string& reason) {
  for (const auto& d : workload["diagnostics"])
    if (d["statement"] == sql && d["reason"].get<std::string>().find(reason) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("the hostile log is replayed without a trace, every refusal with its reason", "[pg][safety][replay]") {
  const std::string dsn = scratch_database("pgadvisor_scratch_hostile", read_text_file(fixture_path("hostile/schema.sql")));
  Session session(dsn, {});
  const std::vector<std::string> before = database_checksum(session);
  REQUIRE(before.size() >= 8);
  const TempDir dir("hostile");
  const std::string out = dir.file("workload.json");

  for (const std::string flags : {"", " --analyze-writes"}) {
    INFO("flags:" << flags);
    CommandResult result = run_pgadvisor("replay -q --db " + shell_quote(dsn) + " --log " +
                                         shell_quote(fixture_path("hostile/hostile.log")) +
                                         " --statement-timeout 2s --runs 2" + flags + " -o " + shell_quote(out));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const json workload = json::parse(read_text_file(out));
    std::map<std::string, ReplayOutcome> got = replay_outcomes(workload);
    REQUIRE(got.size() == 15);  // 17 statements, the three account reads one template

    // Measured: the reads, warm-up and two runs each.
    CHECK(got["SELECT count(*) FROM visits WHERE account_id = 7;"].status == "analyzed");
    CHECK(got["SELECT count(*) FROM visits WHERE account_id = 7;"].runs == 2);

    // Refused, never executed.
    const std::map<std::string, std::string> refused = {
        {"SELECT nextval('invoice_seq');", "nextval"},
        {"SELECT setval('invoice_seq', 1000);", "setval"},
        {"COPY (SELECT 1) TO PROGRAM 'true';", "utility statement (CopyStmt)"},
        {"SELECT 1; DROP TABLE x;", "multi-statement"},
        {"TRUNCATE scratch;", "DDL (TruncateStmt)"},
        {"DROP TABLE scratch;", "DDL (DropStmt)"},
    };
    for (const auto& [sql, reason] : refused) {
      INFO(sql);
      CHECK(got[sql].status == "refused");
      CHECK(has_diagnostic(workload, sql, reason));
    }

    // Planned, not executed.
    CHECK(got["SELECT * FROM accounts WHERE id = 5 FOR UPDATE;"].status == "explained");
    CHECK(has_diagnostic(workload, "SELECT * FROM accounts WHERE id = 5 FOR UPDATE;", "row locks"));
    CHECK(got["SELECT record_visit(1);"].status == "explained");
    CHECK(has_diagnostic(workload, "SELECT record_visit(1);", "calls record_visit(), a volatile plpgsql function"));

    // Timed out: kept with a plain EXPLAIN and its timeout as a lower bound; the run ends in bounded time.
    CHECK(got["SELECT pg_sleep(3600);"].status == "timed_out");
    CHECK(got["SELECT pg_sleep(3600);"].timed_out);
    CHECK(has_diagnostic(workload, "SELECT pg_sleep(3600);", "canceled by statement_timeout (2000 ms)"));

    // Writes: explained by default; with --analyze-writes measured in a rolled-back transaction
    // unless the catalog shows what a rollback would not undo.
    const bool analyze_writes = !flags.empty();
    const std::string update = "UPDATE accounts SET balance = balance + 1 WHERE id = 3;";
    const std::string delete_all = "DELETE FROM visits;";
    const std::string insert_audit = "INSERT INTO audit_log (note) VALUES ('hello');";
    const std::string insert_account = "INSERT INTO accounts (owner, balance) VALUES ('new', 0);";
    CHECK(got[update].status == "explained");
    CHECK(got[insert_audit].status == "explained");
    CHECK(got[insert_account].status == "explained");
    if (analyze_writes) {
      CHECK(got[delete_all].status == "analyzed");
      CHECK(got[delete_all].runs == 2);
      CHECK(has_diagnostic(workload, update, "trigger accounts_audit on accounts calls accounts_audit()"));
      CHECK(has_diagnostic(workload, insert_audit, "the default of column id of audit_log calls nextval()"));
      // the trigger fires on UPDATE only: the insert's own reason is its serial default
      CHECK(has_diagnostic(workload, insert_account, "the default of column id of accounts calls nextval()"));
    } else {
      CHECK(got[delete_all].status == "explained");
      for (const auto& sql : {update, delete_all, insert_audit, insert_account})
        CHECK(has_diagnostic(workload, sql, "--analyze-writes"));
    }
    // Every statement not measured has a diagnostic with its reason.
    for (const auto& [sql, outcome] : got) {
      INFO(sql);
      if (outcome.status != "analyzed") CHECK(has_diagnostic(workload, sql, outcome.reason));
    }
    CHECK(database_checksum(session) == before);
  }
}
