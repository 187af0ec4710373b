#include "plans/sql/statement_kind.hpp"

#include <algorithm>
#include <set>

#include "plans/sql/parse_tree_walk.hpp"

namespace pgadvisor {
namespace {

const std::set<std::string> kUtilityNodes = {
    "CopyStmt",        "VacuumStmt",          "VariableSetStmt",   "VariableShowStmt",
    "ExplainStmt",     "LockStmt",            "NotifyStmt",        "ListenStmt",
    "UnlistenStmt",    "LoadStmt",            "ClusterStmt",       "ReindexStmt",
    "CheckPointStmt",  "DiscardStmt",         "PrepareStmt",       "ExecuteStmt",
    "DeallocateStmt",  "CallStmt",            "DoStmt",            "GrantStmt",
    "GrantRoleStmt",   "DeclareCursorStmt",   "FetchStmt",         "ClosePortalStmt",
    "ConstraintsSetStmt", "RefreshMatViewStmt", "AlterSystemStmt", "AlterRoleSetStmt",
};

const std::vector<std::string> kUnsafeExact = {
    "nextval", "setval", "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf",
    "pg_rotate_logfile", "pg_switch_wal", "pg_create_restore_point", "pg_promote",
    "pg_notify", "set_config", "pg_logical_emit_message", "pg_import_system_collations",
    "txid_current", "pg_current_xact_id", "pg_stat_statements_reset", "hypopg_reset",
};
const std::vector<std::string> kUnsafePrefixes = {
    "dblink", "lo_", "pg_advisory_", "pg_try_advisory_", "pg_read_", "pg_file_", "pg_stat_reset",
    "pg_create_", "pg_drop_replication", "pg_replication_", "pg_copy_", "pg_wal_replay_", "pg_logical_",
};

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

StatementKind kind_of_node(const std::string& node, const nlohmann::json& body) {
  if (node == "SelectStmt") {
    if (body.contains("intoClause")) return StatementKind::Ddl;
    if (body.contains("lockingClause")) return StatementKind::SelectForUpdate;
    return StatementKind::Select;
  }
  if (node == "InsertStmt") return StatementKind::Insert;
  if (node == "UpdateStmt") return StatementKind::Update;
  if (node == "DeleteStmt") return StatementKind::Delete;
  if (node == "MergeStmt") return StatementKind::Merge;
  if (node == "TransactionStmt") return StatementKind::Transaction;
  if (kUtilityNodes.count(node)) return StatementKind::Utility;
  return StatementKind::Ddl;
}

// A SELECT whose WITH clause holds a data-modifying statement is a write.
StatementKind strongest_write_in(const nlohmann::json& stmt, StatementKind kind) {
  if (kind != StatementKind::Select && kind != StatementKind::SelectForUpdate) return kind;
  StatementKind found = kind;
  walk_parse_tree(stmt, [&](const std::string& node, const nlohmann::json&) {
    if (node == "InsertStmt") found = StatementKind::Insert;
    if (node == "UpdateStmt") found = StatementKind::Update;
    if (node == "DeleteStmt") found = StatementKind::Delete;
    if (node == "LockingClause" && found == StatementKind::Select) found = StatementKind::SelectForUpdate;
  });
  return found;
}

// The target of every data-modifying statement in the tree (data-modifying CTEs included).
std::vector<std::string> written_tables_of(const nlohmann::json& stmt) {
  std::vector<std::string> tables;
  walk_parse_tree(stmt, [&](const std::string& node, const nlohmann::json& body) {
    if (node != "InsertStmt" && node != "UpdateStmt" && node != "DeleteStmt" && node != "MergeStmt") return;
    if (!body.contains("relation")) return;
    const nlohmann::json& range = body["relation"];
    std::string name = range.value("relname", "");
    if (range.contains("schemaname")) name = range.value("schemaname", "") + "." + name;
    if (!name.empty() && std::find(tables.begin(), tables.end(), name) == tables.end()) tables.push_back(name);
  });
  return tables;
}

}  // namespace

bool is_unsafe_function(const std::string& name) {
  if (std::find(kUnsafeExact.begin(), kUnsafeExact.end(), name) != kUnsafeExact.end()) return true;
  return std::any_of(kUnsafePrefixes.begin(), kUnsafePrefixes.end(),
                     [&](const std::string& prefix) { return starts_with(name, prefix); });
}

StatementClass classify_statement(const ParsedSql& parsed) {
  StatementClass result;
  if (!parsed.ok()) {
    result.node = parsed.error;
    return result;
  }
  const auto& stmts = parsed.statements();
  if (stmts.empty()) {
    result.kind = StatementKind::Empty;
    return result;
  }
  if (stmts.size() > 1) {
    result.kind = StatementKind::Multiple;
    result.node = std::to_string(stmts.size()) + " statements";
    return result;
  }
  const auto& stmt = stmts[0]["stmt"];
  result.node = stmt.begin().key();
  result.kind = strongest_write_in(stmt, kind_of_node(result.node, stmt.begin().value()));
  result.functions = called_functions(stmt);
  if (is_write(result.kind)) result.written_tables = written_tables_of(stmt);
  for (const auto& name : result.functions) {
    if (is_unsafe_function(name)) result.unsafe_functions.push_back(name);
  }
  return result;
}

std::string statement_kind_name(StatementKind kind) {
  switch (kind) {
    case StatementKind::Select: return "select";
    case StatementKind::SelectForUpdate: return "select for update";
    case StatementKind::Insert: return "insert";
    case StatementKind::Update: return "update";
    case StatementKind::Delete: return "delete";
    case StatementKind::Merge: return "merge";
    case StatementKind::Transaction: return "transaction control";
    case StatementKind::Ddl: return "DDL";
    case StatementKind::Utility: return "utility";
    case StatementKind::Multiple: return "multiple statements";
    case StatementKind::Empty: return "empty";
    case StatementKind::Invalid: return "invalid";
  }
  return "unknown";
}

bool is_write(StatementKind kind) {
  return kind == StatementKind::Insert || kind == StatementKind::Update ||
         kind == StatementKind::Delete || kind == StatementKind::Merge;
}

}  // namespace pgadvisor
