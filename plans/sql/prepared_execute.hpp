// An SQL-level EXECUTE of a PREPAREd statement, as a log shows it ("statement: EXECUTE
// post_by_id(7)" with "DETAIL:  prepare: PREPARE post_by_id(bigint) AS SELECT ... $1"), turned
// into the prepared query and its arguments as typed bind parameters: a statement replay and the
// advisor treat like any "execute <unnamed>". Only constant arguments can be carried over.
#pragma once

#include <string>
#include <vector>

#include "plans/statement.hpp"

namespace pgadvisor {

struct ResolvedExecute {
  std::string sql;                      // the PREPARE's query, $n placeholders kept
  std::vector<StatementParam> params;   // the EXECUTE's arguments, as text; nullopt is NULL
  std::string error;                    // why it cannot be resolved; empty on success

  bool ok() const { return error.empty(); }
};

// True when `sql` starts with the EXECUTE keyword (case and leading white space ignored): a
// cheap test of whether a "DETAIL:  prepare:" may follow.
bool looks_like_execute(const std::string& sql);

ResolvedExecute resolve_prepared_execute(const std::string& execute_sql, const std::string& prepare_sql);

}  // namespace pgadvisor
