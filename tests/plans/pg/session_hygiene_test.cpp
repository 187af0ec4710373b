// Session hygiene on the real sandbox: what a replayed statement leaves in its session although
// its transaction rolled back — a session-level advisory lock, a setting changed without LOCAL, a
// prepared statement — is gone before the next statement, and pgadvisor's own
// settings are back.
#include <catch2/catch.hpp>

#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

std::string value_of(Session& session, const std::string& sql) {
  std::string value;
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) { value = tx.query(sql)[0][0].value_or(""); });
  return value;
}

}  // namespace

TEST_CASE("a replayed transaction leaves no lock, setting or prepared statement behind", "[pg][safety][hygiene]") {
  SessionSettings settings;
  settings.statement_timeout_ms = 12345;
  Session replayed(test_dsn(), settings);
  Session observer(test_dsn(), {});
  const std::string pid = value_of(replayed, "SELECT pg_backend_pid()::text");
  const std::string locks = "SELECT count(*)::text FROM pg_locks WHERE locktype = 'advisory' AND pid = " + pid;

  // Without hygiene (a plain rolled-back transaction), the session keeps what it was given.
  replayed.rolled_back(TransactionMode::ReadOnly, [](Transaction& tx) { tx.query("SELECT pg_advisory_lock(4242)"); });
  CHECK(value_of(observer, locks) == "1");
  replayed.rolled_back(TransactionMode::ReadOnly, [](Transaction& tx) { tx.query("SELECT pg_advisory_unlock_all()"); });

  replayed.replayed(TransactionMode::ReadOnly, [](Transaction& tx) {
    tx.query("SELECT pg_advisory_lock(4242)");
    tx.query("SELECT set_config('work_mem', '77MB', false)");  // not LOCAL: it would outlive the rollback
    tx.query("SELECT set_config('statement_timeout', '0', false)");
  });
  CHECK(value_of(observer, locks) == "0");
  CHECK(value_of(replayed, "SELECT current_setting('work_mem')") != "77MB");
  CHECK(value_of(replayed, "SELECT current_setting('statement_timeout')") == "12345ms");
  CHECK(value_of(replayed, "SELECT current_setting('application_name')") == "pgadvisor");

  replayed.replayed(TransactionMode::ReadWrite, [](Transaction& tx) {
    tx.query("PREPARE pgadvisor_hygiene AS SELECT 1");  // a prepared statement outlives a rollback
  });
  CHECK(value_of(replayed, "SELECT count(*)::text FROM pg_prepared_statements") == "0");
}

TEST_CASE("a backup a replayed statement left in progress is stopped", "[pg][safety][hygiene]") {
  Session replayed(test_dsn(), {});  // the sandbox's superuser, with no replay role: it may start a backup
  REQUIRE(replayed.identity().login_is_superuser);
  REQUIRE_FALSE(replayed.identity().switched);
  for (int i = 0; i < 2; ++i) {  // a second start fails "already in progress" unless the first was stopped
    INFO("start " << i);
    CHECK_NOTHROW(replayed.replayed(TransactionMode::ReadWrite, [](Transaction& tx) {
      tx.query("SELECT pg_backup_start('pgadvisor hygiene test', true)");
    }));
  }
}
