#include "plans/pg/function_allow_list.hpp"

#include <fmt/format.h>

#include "plans/pg/unit_list.hpp"

namespace pgadvisor {
namespace {

// Built-in (or packaged extension) volatile functions that only read, wait or take locks a
// rollback releases.
const std::vector<std::string> kReadOnlyVolatile = {
    "random", "clock_timestamp", "timeofday", "gen_random_uuid", "pg_sleep", "pg_sleep_for", "pg_sleep_until",
    "pg_relation_size", "pg_table_size", "pg_indexes_size", "pg_total_relation_size", "pg_database_size",
    "pg_tablespace_size", "pg_lock_status", "pg_blocking_pids", "pg_safe_snapshot_blocking_pids",
    "pg_is_in_recovery", "pg_current_wal_lsn", "pg_current_wal_insert_lsn", "pg_current_wal_flush_lsn",
    "pg_last_wal_receive_lsn", "pg_last_wal_replay_lsn", "pg_last_xact_replay_timestamp", "pg_partition_tree",
    "pg_partition_ancestors", "pg_sequence_last_value", "current_query", "pg_jit_available",
    "pg_notification_queue_usage", "txid_status", "pg_xact_status", "pg_xact_commit_timestamp",
    "pg_last_committed_xact", "pg_advisory_xact_lock", "pg_advisory_xact_lock_shared", "pg_try_advisory_xact_lock",
    "pg_try_advisory_xact_lock_shared", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
    "pg_current_logfile", "pg_is_wal_replay_paused", "pg_show_all_file_settings", "pg_hba_file_rules",
    "pg_ident_file_mappings", "pg_prepared_xact", "pg_collation_actual_version", "pg_database_collation_actual_version",
    // trigger functions of foreign keys, unique checks and text search: they act inside the transaction
    "RI_FKey_check_ins", "RI_FKey_check_upd", "RI_FKey_noaction_del", "RI_FKey_noaction_upd",
    "RI_FKey_restrict_del", "RI_FKey_restrict_upd", "RI_FKey_cascade_del", "RI_FKey_cascade_upd",
    "RI_FKey_setnull_del", "RI_FKey_setnull_upd", "RI_FKey_setdefault_del", "RI_FKey_setdefault_upd",
    "unique_key_recheck", "tsvector_update_trigger", "tsvector_update_trigger_column",
    "suppress_redundant_updates_trigger",
};

// Built-ins labelled STABLE that run SQL named in a string (a relation, a schema, a database):
// the closure cannot see what they read.
const std::vector<std::string> kRunsSqlOfAString = {
    "table_to_xml", "table_to_xmlschema", "table_to_xml_and_xmlschema", "schema_to_xml", "schema_to_xmlschema",
    "schema_to_xml_and_xmlschema", "database_to_xml", "database_to_xmlschema", "database_to_xml_and_xmlschema",
    "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "cursor_to_xml", "cursor_to_xmlschema",
    "ts_stat", "ts_rewrite",
};

}  // namespace

std::vector<DisallowedFunction> disallowed_functions(Transaction& tx, const std::vector<FunctionUse>& uses,
                                                     const std::vector<std::string>& trusted) {
  if (uses.empty()) return {};
  std::vector<std::string> oids;
  for (const auto& use : uses) oids.push_back(use.oid);
  Rows rows = tx.query(
      "WITH used AS (SELECT u::oid AS oid, ord FROM unnest(string_to_array($1, E'\\x1f')) WITH ORDINALITY AS x(u, ord)), "
      "safe AS (SELECT string_to_array($2, E'\\x1f') AS names), trusted AS (SELECT string_to_array($3, E'\\x1f') AS names), "
      "runs_sql AS (SELECT string_to_array($4, E'\\x1f') AS names) "
      "SELECT used.ord, p.oid::regproc::text, p.proname, p.provolatile, l.lanname, p.oid < 16384, "
      "p.proname = ANY (runs_sql.names) "
      "FROM used JOIN pg_proc p ON p.oid = used.oid JOIN pg_namespace n ON n.oid = p.pronamespace "
      "JOIN pg_language l ON l.oid = p.prolang, safe, trusted, runs_sql "
      "WHERE NOT ("
      "  (p.oid < 16384 AND NOT p.proname = ANY (runs_sql.names) AND (p.provolatile <> 'v' OR p.proname = ANY (safe.names)"
      // the readers of statistics, catalogs and pg_control, volatile only because their answer changes
      "      OR p.proname LIKE 'pg\\_stat\\_get\\_%' OR p.proname LIKE 'pg\\_get\\_%' OR p.proname LIKE 'pg\\_control\\_%'))"
      "  OR (l.lanname IN ('c', 'internal') AND (p.provolatile <> 'v' OR p.proname = ANY (safe.names))"
      "      AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid"
      "                  AND d.deptype = 'e'))"
      "  OR p.proname = ANY (trusted.names) OR n.nspname || '.' || p.proname = ANY (trusted.names)) "
      "ORDER BY used.ord",
      {join_units(oids), join_units(kReadOnlyVolatile), join_units(trusted), join_units(kRunsSqlOfAString)});
  std::vector<DisallowedFunction> out;
  for (const auto& row : rows) {
    DisallowedFunction function;
    function.use = uses.at(std::stoul(row[0].value_or("1")) - 1);
    function.name = row[1].value_or("");
    function.proname = row[2].value_or("");
    function.volatility = row[3].value_or("v").empty() ? 'v' : row[3]->front();
    function.language = row[4].value_or("");
    function.builtin = row[5].value_or("f") == "t";
    function.runs_sql = row[6].value_or("f") == "t";
    out.push_back(std::move(function));
  }
  return out;
}

bool runs_when_planned(const DisallowedFunction& function) {
  switch (function.use.when) {
    case RunsWhen::Explained: return true;
    case RunsWhen::Planned: return function.volatility != 'v' || function.language == "sql";
    default: return false;
  }
}

std::string describe_function(const DisallowedFunction& function) {
  if (function.builtin && function.runs_sql) return "a built-in function that runs queries named in a string";
  if (function.builtin) return "a built-in function that changes state a rollback may not undo";
  switch (function.volatility) {
    case 'i': return fmt::format("an IMMUTABLE {} function", function.language);
    case 's': return fmt::format("a STABLE {} function", function.language);
    default: return fmt::format("a volatile {} function", function.language);
  }
}

}  // namespace pgadvisor
