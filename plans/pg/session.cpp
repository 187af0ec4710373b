#include "plans/pg/session.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <pqxx/pqxx>

#include "plans/fatal_error.hpp"

namespace pgadvisor {

struct Session::Impl {
  std::unique_ptr<pqxx::connection> connection;
  SessionSettings settings;
};

namespace {

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

Rows run(pqxx::transaction_base& tx, const std::string& sql, const std::vector<StatementParam>& params) {
  std::vector<const char*> values;
  for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  pqxx::result result = tx.exec_params(sql, pqxx::prepare::make_dynamic_params(values));
  Rows rows;
  for (const auto& row : result) {
    Row out;
    for (const auto& field : row)
      out.push_back(field.is_null() ? std::nullopt : std::optional<std::string>(field.c_str()));
    rows.push_back(std::move(out));
  }
  return rows;
}

// Runs `body`, turning libpqxx's errors into DatabaseError.
template <typename Body>
auto translating_errors(Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const pqxx::sql_error& error) {
    throw DatabaseError(first_line(error.what()), error.sqlstate());
  } catch (const pqxx::broken_connection& error) {
    throw DatabaseError(first_line(error.what()), "08006");
  } catch (const pqxx::failure& error) {
    throw DatabaseError(first_line(error.what()), "");
  }
}

class PqxxTransaction : public Transaction {
 public:
  explicit PqxxTransaction(pqxx::dbtransaction& tx) : tx_(tx) {}

  Rows query(const std::string& sql, const std::vector<StatementParam>& params) override {
    return translating_errors([&] { return run(tx_, sql, params); });
  }

  Rows query_in_savepoint(const std::string& sql, const std::vector<StatementParam>& params) override {
    return translating_errors([&] {
      tx_.exec("SAVEPOINT pgadvisor");
      try {
        Rows rows = run(tx_, sql, params);
        tx_.exec("RELEASE SAVEPOINT pgadvisor");
        return rows;
      } catch (const pqxx::sql_error&) {
        tx_.exec("ROLLBACK TO SAVEPOINT pgadvisor");
        tx_.exec("RELEASE SAVEPOINT pgadvisor");
        throw;
      }
    });
  }

 private:
  pqxx::dbtransaction& tx_;
};

template <typename Tx>
void run_rolled_back(pqxx::connection& connection, const std::function<void(Transaction&)>& body) {
  std::unique_ptr<Tx> tx = translating_errors([&] { return std::make_unique<Tx>(connection); });
  PqxxTransaction wrapped(*tx);
  body(wrapped);
  tx->abort();  // never committed; the destructor would roll back as well
}

}  // namespace

std::string redact_dsn(const std::string& dsn) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(dsn.c_str(), &error);
  if (!options) {
    PQfreemem(error);
    return "(a connection string libpq cannot parse)";
  }
  std::string redacted;
  for (PQconninfoOption* option = options; option->keyword; ++option) {
    if (!option->val) continue;
    std::string value = std::string(option->keyword) == "password" ? "***" : option->val;
    redacted += fmt::format("{}{}={}", redacted.empty() ? "" : " ", option->keyword, value);
  }
  PQconninfoFree(options);
  return redacted.empty() ? "(the PG* environment variables)" : redacted;
}

Session::Session(const std::string& dsn, const SessionSettings& settings) : impl_(std::make_unique<Impl>()) {
  impl_->settings = settings;
  std::string where = redact_dsn(dsn);
  try {
    impl_->connection = std::make_unique<pqxx::connection>(dsn);
  } catch (const std::exception& error) {
    // libpq's message on a malformed string quotes parts of it: say less then.
    std::string reason = where.front() == '(' ? "invalid connection string" : first_line(error.what());
    throw FatalError(FatalKind::Connection, fmt::format("cannot connect to {}: {}", where, reason));
  }
  try {
    pqxx::nontransaction setup(*impl_->connection);
    setup.exec(fmt::format("SET statement_timeout = {}", settings.statement_timeout_ms));
    setup.exec(fmt::format("SET lock_timeout = {}", settings.lock_timeout_ms));
    setup.exec(fmt::format("SET idle_in_transaction_session_timeout = {}", settings.idle_in_transaction_timeout_ms));
    setup.exec("SET standard_conforming_strings = on");  // the parser's view of literals and the server's agree
    setup.exec("SET application_name = 'pgadvisor'");
  } catch (const std::exception& error) {
    throw FatalError(FatalKind::Connection, fmt::format("cannot set up the session on {}: {}", where, first_line(error.what())));
  }
}

Session::~Session() = default;

void Session::rolled_back(TransactionMode mode, const std::function<void(Transaction&)>& body) {
  if (mode == TransactionMode::ReadOnly)
    run_rolled_back<pqxx::read_transaction>(*impl_->connection, body);
  else
    run_rolled_back<pqxx::work>(*impl_->connection, body);
}

int Session::server_version() const { return impl_->connection->server_version(); }

const SessionSettings& Session::settings() const { return impl_->settings; }

void Session::cancel() {
  try {
    impl_->connection->cancel_query();
  } catch (const std::exception&) {  // nothing running, or the connection is gone: nothing to cancel
  }
}

bool Session::is_open() const { return impl_->connection->is_open(); }

bool is_connection_lost(const std::string& sqlstate) {
  return sqlstate.compare(0, 2, "08") == 0 || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

}  // namespace pgadvisor
