// DropSuggestion: an existing index the advisor proposes to drop (selection/drop_suggestions
// decides which), the reason in one sentence, the DDL users paste and its caveats. Plain data.
#pragma once

#include <string>
#include <vector>

#include "plans/pg/index_catalog.hpp"

namespace pgadvisor {

enum class DropKind { Unused, Prefix };

struct DropSuggestion {
  ExistingIndex index;
  DropKind kind = DropKind::Unused;
  std::string covered_by;  // Prefix: the longer index that serves its lookups; empty otherwise
  std::string reason;      // one plain sentence, with the size it frees
  std::string ddl;         // DROP INDEX CONCURRENTLY IF EXISTS [schema.]name;
  std::vector<std::string> caveats;
};

}  // namespace pgadvisor
