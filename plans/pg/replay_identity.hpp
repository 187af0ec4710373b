// Who replayed statements run as, and what they may do. When a role named by
// SessionSettings::replay_role exists and the login may use it (a superuser may use any role),
// every replayed statement runs as that role (SET LOCAL ROLE), so the database's own privilege
// checks stop what closure analysis misses. The powers replay does not need — superuser,
// REPLICATION, BYPASSRLS, membership in pg_signal_backend or the server-file roles, EXECUTE on
// built-ins PostgreSQL grants only to superusers by default — become warnings, loud when the
// statements ran as a superuser. Errors throw DatabaseError.
#pragma once

#include <string>
#include <vector>

#include "plans/pg/session.hpp"

namespace pgadvisor {

ReplayIdentity read_replay_identity(Transaction& tx, const std::string& replay_role);

}  // namespace pgadvisor
