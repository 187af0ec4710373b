#include "plans/pg/replay_role_setup.hpp"

#include <fmt/format.h>

#include <pqxx/pqxx>

#include "plans/fatal_error.hpp"
#include "plans/pg/own_session_tag.hpp"
#include "plans/pg/unit_list.hpp"
#include "plans/sql/pg_query_api.hpp"
#include "plans/sql/sql_constant.hpp"

namespace pgadvisor {

std::string replay_role_sql(const ReplayRoleSpec& spec) {
  const std::string role = quote_identifier(spec.role);
  const std::string literal = quote_literal(spec.role);
  std::string sql = fmt::format(
      "-- pgadvisor's replay role {0}: logged statements are replayed as this role (SET LOCAL ROLE),\n"
      "-- so PostgreSQL itself refuses what a replay must never do. pgadvisor switches to it when it\n"
      "-- connects as a superuser or as a member of it (GRANT {0} TO your_login).\n"
      "-- GRANT ... ON ALL TABLES covers the tables that exist now: run it again after new ones.\n"
      "BEGIN;\n"
      "DO $$\n"
      "BEGIN\n"
      "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {1}) THEN\n"
      "    CREATE ROLE {0};\n"
      "  END IF;\n"
      "END\n"
      "$$;\n"
      "ALTER ROLE {0} {2} NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS;\n"
      "-- a member of no role: no pg_signal_backend, pg_write_server_files, pg_read_server_files,\n"
      "-- pg_execute_server_program, pg_checkpoint, nor anything that inherits them\n"
      "DO $$\n"
      "DECLARE granted name;\n"
      "BEGIN\n"
      "  FOR granted IN SELECT b.rolname FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid\n"
      "                 WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = {1}) LOOP\n"
      "    EXECUTE format('REVOKE %I FROM %I', granted, {1});\n"
      "  END LOOP;\n"
      "END\n"
      "$$;\n",
      role, literal, spec.login ? "LOGIN" : "NOLOGIN");
  if (!spec.database.empty()) sql += fmt::format("GRANT CONNECT ON DATABASE {} TO {};\n", quote_identifier(spec.database), role);
  for (const auto& schema_name : spec.schemas) {
    const std::string schema = quote_identifier(schema_name);
    sql += fmt::format("GRANT USAGE ON SCHEMA {0} TO {1};\n"
                       "GRANT SELECT ON ALL TABLES IN SCHEMA {0} TO {1};\n", schema, role);
    if (spec.writes)
      sql += fmt::format("-- even a plain EXPLAIN of a write checks these; writes run only with --analyze-writes, rolled back\n"
                         "GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {0} TO {1};\n", schema, role);
    sql += fmt::format("-- no privilege on sequences: nextval() and serial defaults fail with \"permission denied\"\n"
                       "REVOKE ALL ON ALL SEQUENCES IN SCHEMA {0} FROM {1};\n", schema, role);
  }
  return sql + "COMMIT;\n";
}

void read_role_targets(Session& session, ReplayRoleSpec& spec) {
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    spec.database = tx.query("SELECT current_database()")[0][0].value_or("");
    if (!spec.schemas.empty()) return;
    Rows rows = tx.query(
        "SELECT string_agg(DISTINCT n.nspname, E'\\x1f' ORDER BY n.nspname) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') "
        "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'");
    spec.schemas = split_units(rows.empty() ? "" : rows[0][0].value_or(""));
    if (spec.schemas.empty()) spec.schemas.push_back("public");
  });
}

void commit_admin_script(const std::string& dsn, const std::string& sql) {
  std::unique_ptr<pqxx::connection> connection;
  try {
    connection = std::make_unique<pqxx::connection>(dsn);
  } catch (const std::exception& error) {
    throw FatalError(FatalKind::Connection, fmt::format("cannot connect to {}: {}", redact_dsn(dsn), error.what()));
  }
  try {
    pqxx::nontransaction script(*connection);
    // the script's own BEGIN ... COMMIT: all or nothing; its session is recognisably pgadvisor's
    script.exec(fmt::format("SET application_name = '{}'; {}", kOwnApplicationName, sql));
  } catch (const pqxx::sql_error& error) {
    throw DatabaseError(error.what(), error.sqlstate());
  }
}

}  // namespace pgadvisor
