#include "plans/pg/session.hpp"

#include <fmt/format.h>

#include <pqxx/pqxx>

#include "plans/fatal_error.hpp"

namespace pgadvisor {

struct Session::Impl {
  std::unique_ptr<pqxx::connection> connection;
};

namespace {

class PqxxTransaction : public Transaction {
 public:
  explicit PqxxTransaction(pqxx::transaction_base& tx) : tx_(tx) {}

  Rows query(const std::string& sql, const std::vector<StatementParam>& params) override {
    try {
      pqxx::result result;
      if (params.empty()) {
        result = tx_.exec(sql);
      } else {
        std::vector<const char*> values;
        for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
        result = tx_.exec_params(sql, pqxx::prepare::make_dynamic_params(values));
      }
      Rows rows;
      for (const auto& row : result) {
        Row out;
        for (const auto& field : row) {
          out.push_back(field.is_null() ? std::nullopt : std::optional<std::string>(field.c_str()));
        }
        rows.push_back(std::move(out));
      }
      return rows;
    } catch (const pqxx::sql_error& error) {
      throw DatabaseError(first_line(error.what()), error.sqlstate());
    } catch (const pqxx::broken_connection& error) {
      throw DatabaseError(first_line(error.what()), "08006");
    }
  }

 private:
  static std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }
  pqxx::transaction_base& tx_;
};

}  // namespace

std::string redact_dsn(const std::string& dsn) {
  std::string redacted = dsn;
  // key=value form
  for (size_t at = redacted.find("password="); at != std::string::npos; at = redacted.find("password=", at + 1)) {
    size_t start = at + 9;
    size_t end = redacted.find(' ', start);
    redacted.replace(start, (end == std::string::npos ? redacted.size() : end) - start, "***");
  }
  // URI form: postgresql://user:secret@host
  size_t scheme = redacted.find("://");
  if (scheme != std::string::npos) {
    size_t at = redacted.find('@', scheme);
    size_t colon = redacted.find(':', scheme + 3);
    if (at != std::string::npos && colon != std::string::npos && colon < at)
      redacted.replace(colon + 1, at - colon - 1, "***");
  }
  return redacted;
}

Session::Session(const std::string& dsn, const SessionSettings& settings) : impl_(std::make_unique<Impl>()) {
  try {
    impl_->connection = std::make_unique<pqxx::connection>(dsn);
    pqxx::nontransaction setup(*impl_->connection);
    setup.exec(fmt::format("SET statement_timeout = {}", settings.statement_timeout_ms));
    setup.exec(fmt::format("SET lock_timeout = {}", settings.lock_timeout_ms));
    setup.exec(fmt::format("SET idle_in_transaction_session_timeout = {}", settings.idle_in_transaction_timeout_ms));
    setup.exec("SET application_name = 'pgadvisor'");
  } catch (const std::exception& error) {
    std::string message = error.what();
    message = message.substr(0, message.find('\n'));
    throw FatalError(FatalKind::Connection, fmt::format("cannot connect to {}: {}", redact_dsn(dsn), message));
  }
}

Session::~Session() = default;

void Session::rolled_back(TransactionMode mode, const std::function<void(Transaction&)>& body) {
  // pqxx transactions roll back when destroyed uncommitted; we never commit.
  if (mode == TransactionMode::ReadOnly) {
    pqxx::read_transaction tx(*impl_->connection);
    PqxxTransaction wrapped(tx);
    body(wrapped);
    tx.abort();
  } else {
    pqxx::work tx(*impl_->connection);
    PqxxTransaction wrapped(tx);
    body(wrapped);
    tx.abort();
  }
}

int Session::server_version() const { return impl_->connection->server_version(); }

}  // namespace pgadvisor
