// What the rewrite of an IN-subquery needs to run on the database, inside the caller's
// transaction: a statement's result as an order-independent digest (row count and an md5 over
// the sorted md5s of its rows, so equal multisets of rows give equal digests whatever the
// order), and a one-column statement's values materialized as one array (its type from
// pg_typeof, its text form ready to pass back as a parameter, the count and whether a NULL is
// among them). Errors throw DatabaseError and leave the transaction usable.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plans/pg/session.hpp"
#include "plans/statement.hpp"

namespace pgadvisor {

struct ResultDigest {
  long long rows = 0;
  std::string md5;  // empty for no rows
  bool operator==(const ResultDigest& other) const { return rows == other.rows && md5 == other.md5; }
};

ResultDigest digest_result(Transaction& tx, const Statement& statement);

struct MaterializedList {
  std::string element_type;  // e.g. "bigint", "character varying"
  std::string array_text;    // e.g. "{1,2,NULL}"; "{}" when empty
  long long count = 0;       // values, NULLs and duplicates included
  bool has_null = false;
};

MaterializedList materialize_list(Transaction& tx, const Statement& one_column);

// The values of a one-column statement as text (NULL as nullopt), in the column's own order.
std::vector<std::optional<std::string>> list_values(Transaction& tx, const Statement& one_column);

}  // namespace pgadvisor
