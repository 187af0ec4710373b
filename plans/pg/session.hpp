// Session: one connection to the user's PostgreSQL through libpqxx (the only place that includes
// <pqxx/...>). Every statement runs inside a transaction that is always rolled back, with
// statement_timeout, lock_timeout and idle_in_transaction_session_timeout set on the session and
// a client-side deadline beyond them (session_watchdog). A transaction that runs a logged
// statement (`replayed`) runs as the replay role and is followed by session hygiene: advisory
// locks released, listeners, cursors, prepared statements and temporary tables dropped,
// settings reset, a backup left in progress stopped.
// Failing to connect throws FatalError(Connection) with the password never shown; an error of
// one statement throws DatabaseError, which callers turn into a diagnostic.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "plans/statement.hpp"

namespace pgadvisor {

struct SessionSettings {
  int statement_timeout_ms = 30000;
  int lock_timeout_ms = 1000;
  int idle_in_transaction_timeout_ms = 60000;
  // A call still running statement_timeout plus this long is canceled, one grace later its
  // backend is terminated, one more later the connection is abandoned.
  int client_grace_ms = 5000;
  // Logged statements run as this role when it exists and the login may use it; "" never switches.
  std::string replay_role = "pgadvisor_replay";
};

// Who replayed statements run as (replay_identity.hpp reads it).
struct ReplayIdentity {
  std::string login;                  // session_user
  bool login_is_superuser = false;
  std::string role;                   // the role logged statements ran as
  bool switched = false;              // role is the replay role, set for each replayed transaction
  std::vector<std::string> warnings;  // powers of `role` that replay does not need
};

using Row = std::vector<std::optional<std::string>>;
using Rows = std::vector<Row>;

class DatabaseError : public std::runtime_error {
 public:
  DatabaseError(const std::string& message, std::string sqlstate)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

enum class TransactionMode { ReadOnly, ReadWrite };

// Runs statements of the current transaction; parameters are passed apart from the text.
// Every statement goes through the extended protocol, which never runs more than one statement
// per call. An error aborts the transaction, except in query_in_savepoint, which rolls back to
// a savepoint and leaves the transaction usable.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Rows query(const std::string& sql, const std::vector<StatementParam>& params = {}) = 0;
  virtual Rows query_in_savepoint(const std::string& sql, const std::vector<StatementParam>& params = {}) = 0;
  // Runs `body` as the login role inside a replayed transaction, for pgadvisor's own DDL (a real
  // index to verify, hypopg created for the run); elsewhere simply runs it.
  virtual void as_login(const std::function<void()>& body) { body(); }
};

class Session {
 public:
  Session(const std::string& dsn, const SessionSettings& settings);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Runs `body` in a transaction of the given mode and rolls it back, whatever body does.
  void rolled_back(TransactionMode mode, const std::function<void(Transaction&)>& body);

  // The same for a transaction that runs a logged statement (or plans one): as the replay role
  // when there is one, and the session is cleaned up after it.
  void replayed(TransactionMode mode, const std::function<void(Transaction&)>& body);

  const ReplayIdentity& identity() const;

  // What the client-side deadline did to the last call that overran it; empty when it did not
  // fire since the last `replayed` or `rolled_back` began.
  std::string deadline_action() const;

  int server_version() const;  // e.g. 150018
  const SessionSettings& settings() const;

  // Asks the server to cancel the statement running now (if any); safe from another thread.
  void cancel();
  // True once cancel() was called: a statement canceled since (57014) was not a timeout, and
  // every statement after it is refused with DatabaseError 57014 without reaching the server.
  bool cancel_requested() const;

  // The database actually connected to, as libpq resolved it (PG* variables included):
  // "dbname=... host=... port=... user=...", never a password.
  std::string connected_to() const;

  // False once the connection is lost (the server ended it, the network broke).
  bool is_open() const;

  struct Impl;  // the connection and its deadline (session.cpp)

 private:
  std::unique_ptr<Impl> impl_;
};

// The connection string as libpq reads it, its options as key=value with any password replaced
// by ***, for messages and reports; a string libpq cannot parse is not echoed at all.
std::string redact_dsn(const std::string& dsn);

// True for the SQLSTATEs of a connection the server ended or lost (class 08, 57P01..57P03).
bool is_connection_lost(const std::string& sqlstate);

}  // namespace pgadvisor
