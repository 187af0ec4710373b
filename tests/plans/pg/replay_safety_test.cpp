// The replay safety contract on the real sandbox: auditing the captured traffic, which holds
// UPDATEs, leaves every table, sequence and the schema as they were; refused statements are
// never executed.
#include <catch2/catch.hpp>

#include "plans/pg/replay.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

TEST_CASE("auditing the fixture logs leaves the database unchanged", "[pg][safety]") {
  Session session(test_dsn(), {});
  std::vector<std::string> before = database_checksum(session);
  REQUIRE(before.size() > 10);

  for (const char* log : {"blog/logs/django.log", "blog/logs/postgresql.log"}) {
    CommandResult result = run_pgadvisor("audit --db " + shell_quote(test_dsn()) + " --log " + shell_quote(fixture_path(log)));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    // The logs contain writes, and they were planned, not executed.
    CHECK(result.out.find("ModifyTable on ") != std::string::npos);
  }
  CHECK(database_checksum(session) == before);
}

TEST_CASE("replay refuses what it must not run and rolls back the rest", "[pg][safety]") {
  Session session(test_dsn(), {});
  std::vector<std::string> before = database_checksum(session);

  auto replay = [&](const std::string& sql) {
    Statement statement;
    statement.sql = sql;
    return replay_statement(session, statement, classify_statement(parse_sql(sql)));
  };
  CHECK(replay("DROP TABLE blog_comment").status == ReplayStatus::Refused);
  CHECK(replay("TRUNCATE users_user").status == ReplayStatus::Refused);
  CHECK(replay("SELECT 1; DROP TABLE blog_post").status == ReplayStatus::Refused);
  CHECK(replay("COPY blog_post TO PROGRAM 'true'").status == ReplayStatus::Refused);
  ReplayResult nextval = replay("SELECT nextval('blog_post_id_seq')");
  CHECK(nextval.status == ReplayStatus::Refused);
  CHECK(nextval.reason.find("nextval") != std::string::npos);

  ReplayResult update = replay("UPDATE todos_todo SET priority = priority + 1");
  CHECK(update.status == ReplayStatus::Explained);
  REQUIRE(update.plan);
  CHECK(!update.plan->execution_ms);  // not analyzed: never executed

  ReplayResult writable_cte = replay("WITH gone AS (DELETE FROM todos_todo RETURNING id) SELECT count(*) FROM gone");
  CHECK(writable_cte.status == ReplayStatus::Explained);
  REQUIRE(writable_cte.plan);
  CHECK_FALSE(writable_cte.plan->execution_ms);

  ReplayResult locking = replay("SELECT * FROM users_user WHERE id = 1 FOR UPDATE");
  CHECK(locking.status == ReplayStatus::Explained);

  Statement with_params;
  with_params.sql = "SELECT * FROM users_user WHERE id = $1 AND email = $2";
  with_params.params = {std::string("7"), std::nullopt};
  ReplayResult bound = replay_statement(session, with_params, classify_statement(parse_sql(with_params.sql)));
  CHECK(bound.status == ReplayStatus::Analyzed);
  REQUIRE(bound.plan);
  CHECK(bound.plan->execution_ms);

  SessionSettings short_timeout;
  short_timeout.statement_timeout_ms = 200;
  Session impatient(test_dsn(), short_timeout);
  Statement sleeper;
  sleeper.sql = "SELECT pg_sleep(5)";
  ReplayResult slept = replay_statement(impatient, sleeper, classify_statement(parse_sql(sleeper.sql)));
  // Kept: planned with a plain EXPLAIN, its time a lower bound.
  CHECK(slept.status == ReplayStatus::TimedOut);
  CHECK(slept.reason.rfind("canceled by statement_timeout (200 ms): planned with a plain EXPLAIN", 0) == 0);
  CHECK(slept.timed_out);
  CHECK(slept.lower_bound_ms == std::optional<double>(200));
  REQUIRE(slept.plan);
  CHECK_FALSE(slept.plan->execution_ms);
  CHECK(slept.runs.empty());

  // Another error of EXPLAIN ANALYZE that a plain EXPLAIN does not meet: explained.
  Statement failing;
  failing.sql = "SELECT 1 / (id - id) FROM users_user WHERE id = 1";
  ReplayResult divided = replay_statement(session, failing, classify_statement(parse_sql(failing.sql)));
  CHECK(divided.status == ReplayStatus::Explained);
  CHECK(divided.reason.find("EXPLAIN ANALYZE failed (") == 0);
  CHECK(divided.reason.find("division by zero") != std::string::npos);
  CHECK(divided.plan);
  CHECK_FALSE(divided.timed_out);

  CHECK(database_checksum(session) == before);
}
