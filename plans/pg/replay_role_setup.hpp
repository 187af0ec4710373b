// The least-privilege replay role, as SQL a DBA can read before running it (`pgadvisor
// setup-role` prints it; with --apply it is committed, the one place pgadvisor changes a
// database, and only when asked). The role logs in only when asked, is no superuser, has no
// REPLICATION, BYPASSRLS, CREATEDB or CREATEROLE, is a member of no role (pg_signal_backend and
// the server-file roles included), may read and write the application's tables (even a plain
// EXPLAIN of an UPDATE checks the UPDATE privilege; a write is executed only under
// --analyze-writes, in a rolled-back transaction) and has no privilege on any sequence, so
// nextval() and serial defaults fail.
// Built-ins PostgreSQL grants to everyone (session advisory locks, dblink) cannot be withheld
// from one role: session hygiene and closure analysis cover those.
#pragma once

#include <string>
#include <vector>

#include "plans/pg/session.hpp"

namespace pgadvisor {

struct ReplayRoleSpec {
  std::string role = "pgadvisor_replay";
  std::string database;              // GRANT CONNECT on it when known
  std::vector<std::string> schemas;  // the application's schemas
  bool writes = true;                // INSERT, UPDATE, DELETE: to explain writes (and analyze them with --analyze-writes)
  bool login = false;                // LOGIN, to connect as the role itself
};

std::string replay_role_sql(const ReplayRoleSpec& spec);  // pure

// The connected database's name and the schemas holding its tables (system schemas left out).
void read_role_targets(Session& session, ReplayRoleSpec& spec);

// Runs `sql` as one committed transaction. Throws FatalError(Connection) when it cannot connect
// and DatabaseError when a statement fails (nothing is committed then).
void commit_admin_script(const std::string& dsn, const std::string& sql);

}  // namespace pgadvisor
