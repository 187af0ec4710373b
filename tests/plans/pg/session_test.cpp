// The session's transactions on the real sandbox: read-only really refuses writes, and what a
// read-write transaction does is rolled back; session settings are in force.
#include <catch2/catch.hpp>

#include "plans/fatal_error.hpp"
#include "plans/pg/session.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

TEST_CASE("a read-only transaction refuses writes", "[pg][safety]") {
  Session session(test_dsn(), {});
  std::string sqlstate;
  try {
    session.rolled_back(TransactionMode::ReadOnly, [](Transaction& tx) { tx.query("CREATE TABLE must_not_exist (a int)"); });
  } catch (const DatabaseError& error) {
    sqlstate = error.sqlstate();
  }
  CHECK(sqlstate == "25006");  // read_only_sql_transaction
}

TEST_CASE("a query never runs more than one statement", "[pg][safety]") {
  Session session(test_dsn(), {});
  std::string sqlstate;
  try {
    session.rolled_back(TransactionMode::ReadOnly, [](Transaction& tx) { tx.query("SELECT 1; SELECT 2"); });
  } catch (const DatabaseError& error) {
    sqlstate = error.sqlstate();
  }
  CHECK(sqlstate == "42601");  // the extended protocol refuses several commands
}

TEST_CASE("a read-write transaction is always rolled back", "[pg][safety]") {
  Session session(test_dsn(), {});
  session.rolled_back(TransactionMode::ReadWrite, [](Transaction& tx) {
    tx.query("CREATE TABLE rolled_back_table (a int)");
    CHECK(tx.query("SELECT count(*) FROM rolled_back_table")[0][0] == std::optional<std::string>("0"));
  });
  CHECK_THROWS_AS(session.rolled_back(TransactionMode::ReadWrite,
                                      [](Transaction& tx) {
                                        tx.query("CREATE TABLE rolled_back_table (a int)");
                                        throw std::runtime_error("body failed");
                                      }),
                  std::runtime_error);
  session.rolled_back(TransactionMode::ReadOnly, [](Transaction& tx) {
    CHECK(tx.query("SELECT to_regclass('rolled_back_table')")[0][0] == std::nullopt);
  });
}

TEST_CASE("timeouts are set on the session", "[pg][safety]") {
  SessionSettings settings;
  settings.statement_timeout_ms = 1234;
  settings.lock_timeout_ms = 567;
  settings.idle_in_transaction_timeout_ms = 8910;
  Session session(test_dsn(), settings);
  session.rolled_back(TransactionMode::ReadOnly, [](Transaction& tx) {
    CHECK(tx.query("SHOW statement_timeout")[0][0] == std::optional<std::string>("1234ms"));
    CHECK(tx.query("SHOW lock_timeout")[0][0] == std::optional<std::string>("567ms"));
    CHECK(tx.query("SHOW idle_in_transaction_session_timeout")[0][0] == std::optional<std::string>("8910ms"));
  });
  CHECK(session.server_version() / 10000 == 15);
}

TEST_CASE("a failed connection names the server but not the password", "[pg]") {
  try {
    Session session("host=/nonexistent-socket-dir port=5 user=x password=hunter2", {});
    FAIL("connected to a socket that does not exist");
  } catch (const FatalError& error) {
    CHECK(error.kind() == FatalKind::Connection);
    std::string message = error.what();
    CHECK(message.find("password=***") != std::string::npos);
    CHECK(message.find("hunter2") == std::string::npos);
  }
  CHECK(redact_dsn("postgresql://app:s3cret@db:5432/app") == "user=app password=*** dbname=app host=db port=5432");
  CHECK(redact_dsn("host=db password = 'a b c' user=x") == "user=x password=*** host=db");
  CHECK(redact_dsn("host=db password='unterminated") == "(a connection string libpq cannot parse)");
  CHECK(redact_dsn("") == "(the PG* environment variables)");
}
