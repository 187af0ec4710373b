// What a write runs beyond its own text, read from the catalogs: the tables it touches (its
// targets, the base tables of auto-updatable views it writes through, every partition and
// inheritance child, and every table an ON DELETE/ON UPDATE action of a foreign key reaches, all
// levels) and, for each, the code the executor runs there: triggers, rewrite rules, column
// defaults and generated columns, CHECK and domain constraints, index expressions and
// predicates, identity sequences. Errors throw DatabaseError.
#pragma once

#include <string>
#include <vector>

#include "plans/pg/closure_catalog.hpp"
#include "plans/pg/function_allow_list.hpp"

namespace pgadvisor {

struct TouchedTable {
  ClosureRelation relation;
  bool inserted = false;
  bool updated = false;
  bool deleted = false;
  bool target = false;          // named by the statement, or the base table of a view it names
  bool set_default = false;     // an ON DELETE/UPDATE SET DEFAULT action fills its defaults
  std::string reached;          // how the write gets here, e.g. "partition of public.events"
};

struct WriteTarget {
  ClosureRelation relation;
  WriteAction action = WriteAction::Merge;
};

// `complete` is false when kMaxTouchedTables cut the walk short.
std::vector<TouchedTable> tables_touched_by_write(Transaction& tx, const std::vector<WriteTarget>& targets, bool& complete);

struct SourceExpression {
  std::string what;  // e.g. "the default of column number of tickets"
  std::string sql;   // a statement libpg_query parses
  RunsWhen when = RunsWhen::Executed;
};

// An effect no function check covers (a rule, an identity sequence, a foreign table).
struct ClosureNote {
  bool at_planning = false;  // planning the statement already brings it in
  std::string text;
};

struct CodeRunByWrite {
  std::vector<FunctionUse> triggers;
  std::vector<SourceExpression> expressions;
  std::vector<ClosureNote> risks;
};

// More tables than this and the closure is not read to its end (a note says so).
constexpr size_t kMaxTouchedTables = 10000;

// `sets_default`: the statement sets a column to DEFAULT.
CodeRunByWrite code_run_by_write(Transaction& tx, const TouchedTable& table, bool sets_default);

}  // namespace pgadvisor
