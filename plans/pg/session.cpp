#include "plans/pg/session.hpp"

#include <atomic>

#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <pqxx/pqxx>

#include "plans/fatal_error.hpp"
#include "plans/pg/own_session_tag.hpp"
#include "plans/pg/replay_identity.hpp"
#include "plans/pg/session_watchdog.hpp"

namespace pgadvisor {

struct Session::Impl {
  std::string dsn;
  std::unique_ptr<pqxx::connection> connection;
  SessionSettings settings;
  ReplayIdentity identity;
  std::string quoted_role;  // the replay role, quoted, when statements switch to it
  int backend_pid = 0;
  int socket = -1;  // our own duplicate of the connection's socket: its number is never reused under us
  std::unique_ptr<SessionWatchdog> watchdog;  // after `connection`: stops first
  std::atomic<bool> cancel_requested{false};  // cancel() was called: a 57014 since is not a timeout

  ~Impl() {
    watchdog.reset();
    if (socket >= 0) ::close(socket);
  }
};

namespace {

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// Marks one call to the server for the deadline.
class Busy {
 public:
  explicit Busy(SessionWatchdog& watchdog) : watchdog_(watchdog) { watchdog_.begin(); }
  ~Busy() { watchdog_.end(); }
  Busy(const Busy&) = delete;
  Busy& operator=(const Busy&) = delete;

 private:
  SessionWatchdog& watchdog_;
};

Rows run(pqxx::transaction_base& tx, const std::string& sql, const std::vector<StatementParam>& params,
         SessionWatchdog& watchdog) {
  std::vector<const char*> values;
  for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  pqxx::result result;
  {
    Busy busy(watchdog);
    result = tx.exec_params(tagged_query(sql), pqxx::prepare::make_dynamic_params(values));
  }
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
  PqxxTransaction(pqxx::dbtransaction& tx, SessionWatchdog& watchdog, std::string role,
                  const std::atomic<bool>& canceled)
      : tx_(tx), watchdog_(watchdog), role_(std::move(role)), canceled_(canceled) {
    if (!role_.empty()) query("SET LOCAL ROLE " + role_, {});
  }

  void as_login(const std::function<void()>& body) override {
    if (role_.empty()) return body();
    query("SET LOCAL ROLE NONE", {});
    try {
      body();
    } catch (...) {
      try {
        query("SET LOCAL ROLE " + role_, {});
      } catch (const std::exception&) {  // the transaction is aborted: nothing runs in it any more
      }
      throw;
    }
    query("SET LOCAL ROLE " + role_, {});
  }

  Rows query(const std::string& sql, const std::vector<StatementParam>& params) override {
    refuse_when_canceled();
    return translating_errors([&] { return run(tx_, sql, params, watchdog_); });
  }

  Rows query_in_savepoint(const std::string& sql, const std::vector<StatementParam>& params) override {
    refuse_when_canceled();
    return translating_errors([&] {
      run(tx_, "SAVEPOINT pgadvisor", {}, watchdog_);
      try {
        Rows rows = run(tx_, sql, params, watchdog_);
        run(tx_, "RELEASE SAVEPOINT pgadvisor", {}, watchdog_);
        return rows;
      } catch (const pqxx::sql_error&) {
        run(tx_, "ROLLBACK TO SAVEPOINT pgadvisor", {}, watchdog_);
        run(tx_, "RELEASE SAVEPOINT pgadvisor", {}, watchdog_);
        throw;
      }
    });
  }

 private:
  // After cancel() nothing new starts on the session: the caller is being interrupted.
  void refuse_when_canceled() const {
    if (canceled_) throw DatabaseError("canceled: interrupted, nothing more runs on this connection", "57014");
  }

  pqxx::dbtransaction& tx_;
  SessionWatchdog& watchdog_;
  const std::string role_;  // quoted; empty when statements run as the login
  const std::atomic<bool>& canceled_;
};

template <typename Tx>
void run_rolled_back(Session::Impl& impl, const std::string& role, const std::function<void(Transaction&)>& body) {
  impl.watchdog->clear();
  std::unique_ptr<Tx> tx = translating_errors([&] {
    Busy busy(*impl.watchdog);
    return std::make_unique<Tx>(*impl.connection);
  });
  auto roll_back = [&] {
    Busy busy(*impl.watchdog);  // a backend that freezes now is bounded too
    tx->abort();                // never committed
  };
  try {
    PqxxTransaction wrapped(*tx, *impl.watchdog, role, impl.cancel_requested);
    body(wrapped);
  } catch (...) {
    try {
      roll_back();
    } catch (const std::exception&) {  // the connection is gone: nothing to roll back
    }
    throw;
  }
  translating_errors(roll_back);
}

std::string session_setup_sql(const SessionSettings& settings, int server_version) {
  std::string sql = fmt::format(
      "SET statement_timeout = {}; SET lock_timeout = {}; SET idle_in_transaction_session_timeout = {}; "
      "SET standard_conforming_strings = on; SET application_name = '{}'",
      settings.statement_timeout_ms, settings.lock_timeout_ms, settings.idle_in_transaction_timeout_ms,
      kOwnApplicationName);
  // The server ends a query whose client went away (killed, crashed) within a few seconds.
  if (server_version >= 140000) sql += "; SET client_connection_check_interval = '2s'";
  return sql;
}

// Terminates backend `pid` from a connection of its own, within a few seconds whatever the server does.
bool terminate_backend(const std::string& dsn, int pid) {
  const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
  const char* values[] = {dsn.c_str(), "3", kOwnApplicationName, nullptr};
  const int first = dsn.empty() ? 1 : 0;  // no dbname: the PG* variables
  PGconn* admin = PQconnectdbParams(keys + first, values + first, 1);
  bool done = false;
  if (PQstatus(admin) == CONNECTION_OK &&
      PQsendQuery(admin, fmt::format("SET statement_timeout = 3000; {} SELECT pg_terminate_backend({})",
                                     kOwnQueryComment, pid)
                             .c_str())) {
    pollfd wait{PQsocket(admin), POLLIN, 0};
    for (int waited = 0; waited < 3000 && !done; waited += 100) {
      if (PQisBusy(admin) && ::poll(&wait, 1, 100) < 0) break;
      if (!PQconsumeInput(admin)) break;
      while (!PQisBusy(admin)) {
        PGresult* result = PQgetResult(admin);
        if (!result) {
          done = true;
          break;
        }
        PQclear(result);
      }
    }
  }
  PQfinish(admin);
  return done;
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
  impl_->dsn = dsn;
  impl_->settings = settings;
  std::string where = redact_dsn(dsn);
  try {
    impl_->connection = std::make_unique<pqxx::connection>(dsn);
  } catch (const std::exception& error) {
    // libpq's message on a malformed string quotes parts of it: say less then.
    std::string reason = where.front() == '(' ? "invalid connection string" : first_line(error.what());
    throw FatalError(FatalKind::Connection, fmt::format("cannot connect to {}: {}", where, reason));
  }
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  // A lost connection stays lost: never reopened behind our back without the session's settings,
  // its role and its deadline's backend pid.
  impl_->connection->inhibit_reactivation(true);
#pragma GCC diagnostic pop
  impl_->backend_pid = impl_->connection->backendpid();
  impl_->socket = ::dup(impl_->connection->sock());
  Impl* impl = impl_.get();
  impl_->watchdog = std::make_unique<SessionWatchdog>(
      std::chrono::milliseconds(settings.statement_timeout_ms > 0 ? settings.statement_timeout_ms + settings.client_grace_ms : 0),
      std::chrono::milliseconds(std::max(settings.client_grace_ms, 100)),
      WatchdogActions{[impl] {
                        try {
                          impl->connection->cancel_query();
                        } catch (const std::exception&) {  // nothing to cancel
                        }
                      },
                      [impl] { return terminate_backend(impl->dsn, impl->backend_pid); },
                      [impl] { ::shutdown(impl->socket, SHUT_RDWR); }});
  try {
    pqxx::nontransaction setup(*impl_->connection);
    Busy busy(*impl_->watchdog);
    setup.exec(tagged_query(session_setup_sql(settings, impl_->connection->server_version())));
  } catch (const std::exception& error) {
    throw FatalError(FatalKind::Connection, fmt::format("cannot set up the session on {}: {}", where, first_line(error.what())));
  }
  try {
    rolled_back(TransactionMode::ReadOnly,
                [&](Transaction& tx) { impl_->identity = read_replay_identity(tx, settings.replay_role); });
  } catch (const DatabaseError& error) {
    throw FatalError(FatalKind::Connection, fmt::format("cannot read the roles on {}: {}", where, error.what()));
  }
  if (impl_->identity.switched) impl_->quoted_role = impl_->connection->quote_name(settings.replay_role);
}

Session::~Session() = default;

void Session::rolled_back(TransactionMode mode, const std::function<void(Transaction&)>& body) {
  if (mode == TransactionMode::ReadOnly)
    run_rolled_back<pqxx::read_transaction>(*impl_, "", body);
  else
    run_rolled_back<pqxx::work>(*impl_, "", body);
}

void Session::replayed(TransactionMode mode, const std::function<void(Transaction&)>& body) {
  struct CleanUp {
    Session::Impl& impl;
    ~CleanUp() {
      if (!impl.connection->is_open()) return;
      try {
        pqxx::nontransaction hygiene(*impl.connection);
        Busy busy(*impl.watchdog);
        // DISCARD ALL in parts (DISCARD ALL itself refuses a multi-statement string), then our settings again.
        hygiene.exec("CLOSE ALL; UNLISTEN *; DEALLOCATE ALL; DISCARD PLANS; DISCARD SEQUENCES; DISCARD TEMP; "
                     "SET SESSION AUTHORIZATION DEFAULT; RESET ALL; " +
                     tagged_query("SELECT pg_advisory_unlock_all(); ") +
                     session_setup_sql(impl.settings, impl.connection->server_version()));
      } catch (const std::exception&) {
        impl.connection->disconnect();  // it may hold what it should not (a lock, a setting): never used again
        return;
      }
      if (!impl.identity.login_is_superuser || impl.identity.switched) return;  // only a superuser could start a backup
      try {
        pqxx::nontransaction backup(*impl.connection);
        Busy busy(*impl.watchdog);
        // stops a backup this session left in progress; "not in progress" is caught inside, so the server logs nothing
        backup.exec("DO $$ BEGIN PERFORM pg_backup_stop(false); EXCEPTION WHEN OTHERS THEN NULL; END $$");
      } catch (const std::exception&) {  // no plpgsql in this database: nothing to run it with
      }
    }
  } clean_up{*impl_};
  if (mode == TransactionMode::ReadOnly)
    run_rolled_back<pqxx::read_transaction>(*impl_, impl_->quoted_role, body);
  else
    run_rolled_back<pqxx::work>(*impl_, impl_->quoted_role, body);
}

const ReplayIdentity& Session::identity() const { return impl_->identity; }

std::string Session::deadline_action() const { return impl_->watchdog->last_action(); }

int Session::server_version() const { return impl_->connection->server_version(); }

const SessionSettings& Session::settings() const { return impl_->settings; }

void Session::cancel() {
  impl_->cancel_requested = true;
  try {
    impl_->connection->cancel_query();
  } catch (const std::exception&) {  // nothing running, or the connection is gone: nothing to cancel
  }
}

bool Session::is_open() const { return impl_->connection->is_open(); }

bool Session::cancel_requested() const { return impl_->cancel_requested; }

std::string Session::connected_to() const {
  pqxx::connection& c = *impl_->connection;
  auto text = [](const char* value) { return std::string(value ? value : ""); };
  std::string host = text(c.hostname());
  return fmt::format("dbname={} host={} port={} user={}", text(c.dbname()), host.empty() ? "(local socket)" : host,
                     text(c.port()), text(c.username()));
}

bool is_connection_lost(const std::string& sqlstate) {
  return sqlstate.compare(0, 2, "08") == 0 || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

}  // namespace pgadvisor
