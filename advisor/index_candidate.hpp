// IndexCandidate: an index the advisor may propose, with the templates it was derived from, and
// its SQL: the CREATE INDEX CONCURRENTLY DDL users paste, and the plain definition handed to
// hypopg. Identifiers are quoted by the SQL layer; names are deterministic.
#pragma once

#include <string>
#include <vector>

#include "plans/pg/index_catalog.hpp"

namespace pgadvisor {

struct IndexCandidate {
  IndexDefinition definition;
  std::vector<std::string> templates;  // fingerprints of the templates it was derived from

  std::string key() const;              // identity: equal keys are the same index
  std::string name() const;             // deterministic, within PostgreSQL's 63 characters
  std::string ddl() const;              // CREATE INDEX CONCURRENTLY IF NOT EXISTS name ON ...
  std::string hypothetical_ddl() const; // CREATE INDEX ON ... (for hypopg_create_index)
  // What the what-if layer creates for this one candidate: hypothetical_ddl(), or one statement
  // per leaf partition where hypopg cannot index the parent.
  std::vector<std::string> hypothetical_ddls() const { return {hypothetical_ddl()}; }
  bool is_partial() const { return !definition.where.empty(); }
};

}  // namespace pgadvisor
