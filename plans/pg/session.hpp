// Session: one connection to the user's PostgreSQL through libpqxx (the only place that includes
// <pqxx/...>). Every statement runs inside a transaction that is always rolled back, with
// statement_timeout, lock_timeout and idle_in_transaction_session_timeout set on the session.
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
};

class Session {
 public:
  Session(const std::string& dsn, const SessionSettings& settings);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Runs `body` in a transaction of the given mode and rolls it back, whatever body does.
  void rolled_back(TransactionMode mode, const std::function<void(Transaction&)>& body);

  int server_version() const;  // e.g. 150018
  const SessionSettings& settings() const;

  // Asks the server to cancel the statement running now (if any); safe from another thread.
  void cancel();

  // False once the connection is lost (the server ended it, the network broke).
  bool is_open() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The connection string as libpq reads it, its options as key=value with any password replaced
// by ***, for messages and reports; a string libpq cannot parse is not echoed at all.
std::string redact_dsn(const std::string& dsn);

// True for the SQLSTATEs of a connection the server ended or lost (class 08, 57P01..57P03).
bool is_connection_lost(const std::string& sqlstate);

}  // namespace pgadvisor
