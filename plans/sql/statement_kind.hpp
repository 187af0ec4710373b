// StatementKind: what a statement is, read from its libpg_query parse tree (never by regex), and
// the functions it calls whose effects a rollback does not undo. Replay decides from this what
// it may run; a statement that does not parse is Invalid with the parser's message.
#pragma once

#include <string>
#include <vector>

#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {

enum class StatementKind {
  Select,           // a plain read
  SelectForUpdate,  // SELECT ... FOR UPDATE / SHARE: takes row locks
  Insert,
  Update,
  Delete,
  Merge,
  Transaction,      // BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ...
  Ddl,              // CREATE, ALTER, DROP, TRUNCATE, SELECT INTO, ...
  Utility,          // COPY, VACUUM, SET, GRANT, EXPLAIN, CALL, DO, ...
  Multiple,         // more than one statement in one string
  Empty,
  Invalid,          // does not parse
};

struct StatementClass {
  StatementKind kind = StatementKind::Invalid;
  std::string node;                          // parse tree node, e.g. "CreateStmt"; parser error when Invalid
  std::vector<std::string> functions;        // every function called, unqualified and lower-case
  std::vector<std::string> unsafe_functions; // calls a rollback does not undo (nextval, dblink, ...)
  std::vector<std::string> written_tables;   // targets of INSERT/UPDATE/DELETE/MERGE, "schema.table" or "table"
};

StatementClass classify_statement(const ParsedSql& parsed);

std::string statement_kind_name(StatementKind kind);
bool is_write(StatementKind kind);

// True for functions a rolled-back transaction does not undo or that act outside the database
// session: sequences, advisory locks, backend signals, files, large objects, dblink, ...
bool is_unsafe_function(const std::string& name);

}  // namespace pgadvisor
