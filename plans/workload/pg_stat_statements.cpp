#include "plans/workload/pg_stat_statements.hpp"

#include <string>

#include "plans/fatal_error.hpp"
#include "plans/sql/statement_kind.hpp"

namespace pgadvisor {
namespace {

const char* kEntries = R"SQL(
SELECT s.query, s.calls, s.total_exec_time, s.max_exec_time, s.mean_exec_time,
       coalesce(r.rolname, ''), current_database(), s.queryid
  FROM pg_stat_statements AS s
  LEFT JOIN pg_roles AS r ON r.oid = s.userid
 WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND s.toplevel
 ORDER BY s.total_exec_time DESC
)SQL";

double number(const std::optional<std::string>& text) { return text ? std::stod(*text) : 0.0; }

}  // namespace

long long read_pg_stat_statements(Session& session, Workload& workload, const StatementFilterOptions& filter_options) {
  Rows rows;
  bool installed = false;
  try {
    session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
      installed = !tx.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'").empty();
      if (installed) rows = tx.query(kEntries);
    });
  } catch (const DatabaseError& error) {
    // One entry of another database in another encoding (a SQL_ASCII database's Latin-1 text)
    // makes pg_stat_statements refuse to show any: the logs are still read.
    if (error.sqlstate() != "22021") throw;
    workload.add_diagnostic({"pg_stat_statements", 0,
                             std::string("cannot be read: ") + error.what() +
                                 " (an entry of a database in another encoding; connect to that database, or "
                                 "pg_stat_statements_reset() it)",
                             ""});
    return 0;
  }
  if (!installed)
    throw FatalError(FatalKind::Input,
                     "pg_stat_statements is not installed in this database (CREATE EXTENSION pg_stat_statements, "
                     "with shared_preload_libraries = 'pg_stat_statements')");
  long long entry = 0;
  long long utility = 0;
  StatementFilter filter(filter_options, "pg_stat_statements entries");
  for (const Row& row : rows) {
    Statement statement;
    statement.sql = row[0].value_or("");
    if (is_own_query(statement.sql) && filter.skip_own()) continue;
    StatementKind kind = classify_statement(parse_sql(statement.sql)).kind;
    if (kind == StatementKind::Utility || kind == StatementKind::Transaction) {
      ++utility;  // SET, SHOW, BEGIN, EXPLAIN (pgadvisor's own among them): nothing to advise on
      continue;
    }
    statement.duration_ms = number(row[4]);
    statement.user = row[5].value_or("");
    statement.database = row[6].value_or("");
    statement.session = "queryid " + row[7].value_or("");
    statement.source = "pg_stat_statements";
    if (!filter.keep(statement)) continue;
    statement.line = static_cast<int>(++entry);
    workload.add_summary(statement, std::stoll(row[1].value_or("0")), number(row[2]), number(row[3]));
  }
  if (utility > 0)
    workload.add_diagnostic({"pg_stat_statements", 0,
                             std::to_string(utility) + " utility and transaction-control entries skipped", ""});
  for (Diagnostic& diagnostic : filter.end_source("pg_stat_statements", std::nullopt))
    workload.add_diagnostic(std::move(diagnostic));
  for (Diagnostic& diagnostic : filter.summary()) workload.add_diagnostic(std::move(diagnostic));
  return entry;
}

}  // namespace pgadvisor
