// IndexCandidate: an index the advisor may propose, with the templates it was derived from, and
// its SQL: the CREATE INDEX DDL users paste, and the plain definition handed to hypopg. Schema,
// table and column names are quoted by the SQL layer ("Sales"."Order Items"); expression columns
// are written in parentheses, unquoted. Names are deterministic and fit PostgreSQL's 63 bytes.
//
// Partitioned tables: hypopg 1.3.1 accepts a hypothetical index on a partitioned parent and the
// planner uses it on every partition (checked on PostgreSQL 15), so one hypothetical statement
// stands for the candidate. PostgreSQL refuses CREATE INDEX CONCURRENTLY on a partitioned table;
// its ddl() is a plain `CREATE INDEX IF NOT EXISTS name ON parent ...`, which PostgreSQL creates
// on every partition (and takes each partition's write lock while it builds).
#pragma once

#include <string>
#include <vector>

#include "plans/pg/index_catalog.hpp"
#include "plans/sql/predicate.hpp"

namespace pgadvisor {

// Django refuses index names longer than this (models.Index.max_name_length).
constexpr size_t kIndexNameMax = 30;

struct IndexCandidate {
  IndexDefinition definition;
  std::vector<std::string> templates;  // fingerprints of the templates it was derived from
  // The conjuncts of definition.where as the queries wrote them; empty for a full index and for
  // a merged one (whose WHERE is a disjunction of its parts').
  std::vector<Predicate> where_predicates;
  // The fraction of the table's rows the partial predicate keeps, estimated from pg_stats;
  // -1 when unknown or when the index is not partial.
  double predicate_selectivity = -1;
  bool partitioned = false;  // the table is a partitioned parent (see above)
  // Its WHERE holds a constant seen in fewer calls than the rules ask, counted again because one
  // statement writes it in every branch of an OR: kept only on a column of few values
  // (without_per_value_partials), since `user_id = 42` may repeat as well as `l_shipmode = 'AIR'`.
  bool where_from_repetition = false;

  std::string key() const;              // identity: equal keys are the same index
  // Deterministic, at most kIndexNameMax characters and starting with a letter: the table,
  // columns and hashes of INCLUDE and WHERE (users_user_email_idx); a longer one keeps its first
  // 17 characters, adds an 8-digit hash of key() and "_idx" (blog_post_author_5c0d1e2f_idx).
  // The report, the SQL and the Django migrations all use it, so they name one index alike.
  std::string name() const;
  std::string ddl() const;              // CREATE INDEX [CONCURRENTLY] IF NOT EXISTS name ON ...
  std::string hypothetical_ddl() const; // CREATE INDEX ON ... (for hypopg_create_index)
  // What the what-if layer creates for this one candidate: hypothetical_ddl() (hypopg indexes a
  // partitioned parent itself, see above).
  std::vector<std::string> hypothetical_ddls() const { return {hypothetical_ddl()}; }
  bool is_partial() const { return !definition.where.empty(); }
  bool is_covering() const { return !definition.include.empty(); }
};

}  // namespace pgadvisor
