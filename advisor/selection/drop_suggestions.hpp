// Drop suggestions (advisor/model/drop_suggestion.hpp): an existing index the advisor proposes to drop, either because a longer btree
// index on the same table starts with the same columns (Prefix) or because no replayed plan of
// the workload used it (Unused), with the DROP INDEX CONCURRENTLY DDL users paste. Primary keys,
// unique indexes and indexes backing an exclusion constraint are never proposed; an unused index
// that serves a foreign key (its leading columns are the key's referencing columns) is kept.
// Pure.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "advisor/model/drop_suggestion.hpp"
#include "plans/pg/foreign_keys.hpp"

namespace pgadvisor {

// Prefix duplicates first, then unused indexes, each by size descending (then by name).
// `used_index_names`: the indexes seen in any replayed plan of the workload; `tables_written`:
// the tables the workload writes, named as IndexDefinition::qualified_table() names them;
// `exclusion_indexes`: names from read_exclusion_indexes().
std::vector<DropSuggestion> suggest_drops(const std::vector<ExistingIndex>& existing,
                                          const std::vector<std::string>& used_index_names,
                                          const std::vector<ForeignKey>& foreign_keys,
                                          const std::set<std::string>& tables_written,
                                          const std::set<std::string>& exclusion_indexes = {});

}  // namespace pgadvisor
