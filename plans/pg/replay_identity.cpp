#include "plans/pg/replay_identity.hpp"

#include <fmt/format.h>

#include "plans/pg/unit_list.hpp"

namespace pgadvisor {
namespace {

// Roles whose members reach outside the transaction.
const std::vector<std::string> kPowerfulRoles = {"pg_signal_backend", "pg_write_server_files", "pg_read_server_files",
                                                 "pg_execute_server_program", "pg_checkpoint"};

// Built-ins PostgreSQL 15 grants to superusers only: a role that can execute one was given more.
const std::vector<std::string> kSuperuserBuiltins = {
    "pg_reload_conf()", "pg_rotate_logfile()", "pg_backup_start(text,boolean)", "pg_create_restore_point(text)",
    "pg_switch_wal()", "pg_promote(boolean,integer)", "pg_stat_reset()", "pg_stat_reset_shared(text)",
    "lo_export(oid,text)", "lo_import(text)", "pg_read_file(text)", "pg_ls_dir(text)",
    "pg_stat_statements_reset(oid,oid,bigint)", "dblink_connect_u(text)"};

}  // namespace

ReplayIdentity read_replay_identity(Transaction& tx, const std::string& replay_role) {
  ReplayIdentity identity;
  Rows login = tx.query(
      "SELECT session_user, r.rolsuper, "
      "  (SELECT pg_has_role(session_user, w.oid, 'MEMBER') FROM pg_roles w WHERE w.rolname = $1), "
      // set up for this database: it may read one of its tables (roles are the cluster's, grants the database's)
      "  (SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "     WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
      "     AND n.nspname NOT LIKE 'pg\\_%' AND has_table_privilege(w.oid, c.oid, 'SELECT')) "
      "   FROM pg_roles w WHERE w.rolname = $1) "
      "FROM pg_roles r WHERE r.rolname = session_user",
      {replay_role});
  if (login.empty()) return identity;
  identity.login = login[0][0].value_or("");
  identity.login_is_superuser = login[0][1].value_or("f") == "t";
  const bool usable = login[0][2].value_or("f") == "t";
  const bool set_up_here = login[0][3].value_or("f") == "t";
  identity.switched = !replay_role.empty() && usable && set_up_here;
  identity.role = identity.switched ? replay_role : identity.login;
  if (!replay_role.empty() && usable && !set_up_here)
    identity.warnings.push_back(fmt::format("replay role {} exists but may read no table of this database: "
                                            "`pgadvisor setup-role --db ... --apply` grants it", replay_role));

  Rows powers = tx.query(
      "SELECT r.rolsuper, r.rolreplication, r.rolbypassrls, "
      "  array_to_string(ARRAY(SELECT b.rolname FROM pg_roles b WHERE b.rolname = ANY (string_to_array($2, E'\\x1f')) "
      "    AND pg_has_role(r.oid, b.oid, 'MEMBER') ORDER BY 1), ', '), "
      "  array_to_string(ARRAY(SELECT f FROM unnest(string_to_array($3, E'\\x1f')) f "
      "    WHERE to_regprocedure(f) IS NOT NULL AND has_function_privilege(r.oid, to_regprocedure(f), 'EXECUTE')), ', ') "
      "FROM pg_roles r WHERE r.rolname = $1",
      {identity.role, join_units(kPowerfulRoles), join_units(kSuperuserBuiltins)});
  if (powers.empty()) return identity;
  const Row& row = powers[0];
  const std::string who = identity.switched ? fmt::format("replay role {}", identity.role)
                                            : fmt::format("role {} (connected as it; no replay role {} to switch to)",
                                                          identity.role, replay_role.empty() ? "" : replay_role);
  if (row[0].value_or("f") == "t") {
    identity.warnings.push_back(fmt::format(
        "statements were replayed as {}, a SUPERUSER: only closure analysis stood between them and the server; "
        "create a least-privilege replay role with `pgadvisor setup-role --apply`", who));
    return identity;  // a superuser has every other power too
  }
  if (row[1].value_or("f") == "t") identity.warnings.push_back(who + " has REPLICATION: it can create replication slots");
  if (row[2].value_or("f") == "t") identity.warnings.push_back(who + " has BYPASSRLS");
  if (!row[3].value_or("").empty()) identity.warnings.push_back(fmt::format("{} is a member of {}", who, *row[3]));
  if (!row[4].value_or("").empty())
    identity.warnings.push_back(fmt::format("{} may execute {}, which PostgreSQL grants to superusers only", who, *row[4]));
  return identity;
}

}  // namespace pgadvisor
