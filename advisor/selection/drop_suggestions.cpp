#include "advisor/selection/drop_suggestions.hpp"

#include <algorithm>
#include <tuple>

#include "plans/text_format.hpp"
#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

const char* kLogOnlyCaveat =
    "the log is the only evidence: check pg_stat_user_indexes.idx_scan on the primary and every replica "
    "before dropping";

// "table" matches "schema.table": the catalog reader leaves the schema empty for tables found
// through search_path. A false match only keeps an index, never drops one.
bool same_table(const std::string& a, const std::string& b) {
  if (a == b) return true;
  auto bare = [](const std::string& name) { return name.substr(name.rfind('.') + 1); };
  bool a_qualified = a.find('.') != std::string::npos;
  bool b_qualified = b.find('.') != std::string::npos;
  return a_qualified != b_qualified && bare(a) == bare(b);
}

bool written(const std::set<std::string>& tables_written, const std::string& table) {
  for (const auto& name : tables_written)
    if (same_table(name, table)) return true;
  return false;
}

// Index columns are printed by pg_get_indexdef (quoted where needed); key columns are bare.
bool same_column_name(const std::string& index_column, const std::string& bare) {
  return index_column == bare || index_column == quote_identifier(bare);
}

bool droppable(const ExistingIndex& index, const std::set<std::string>& exclusion_indexes) {
  return !index.primary && !index.unique && exclusion_indexes.count(index.name) == 0;
}

// Whether `longer` answers every lookup `shorter` does: both btree on the same table with the
// same predicate, `shorter`'s key columns (name, direction, nulls) a leading prefix of
// `longer`'s, and its INCLUDE columns all present in `longer`.
bool structurally_covers(const ExistingIndex& longer, const ExistingIndex& shorter) {
  const IndexDefinition& big = longer.definition;
  const IndexDefinition& small = shorter.definition;
  if (longer.method != "btree" || shorter.method != "btree") return false;
  if (big.qualified_table() != small.qualified_table() || big.where != small.where) return false;
  if (small.columns.size() > big.columns.size()) return false;
  if (!std::equal(small.columns.begin(), small.columns.end(), big.columns.begin())) return false;
  for (const auto& extra : small.include) {
    bool in_include = std::find(big.include.begin(), big.include.end(), extra) != big.include.end();
    bool in_key = std::any_of(big.columns.begin(), big.columns.end(), [&](const IndexColumn& c) { return c.name == extra; });
    if (!in_include && !in_key) return false;
  }
  return true;
}

// A strict order among indexes so that of two identical ones exactly one is kept: more key
// columns, then more INCLUDE columns, then one that cannot be dropped, then the smaller name.
bool ranks_above(const ExistingIndex& a, const ExistingIndex& b, const std::set<std::string>& exclusion_indexes) {
  auto key = [&](const ExistingIndex& index) {
    return std::make_tuple(index.definition.columns.size(), index.definition.include.size(),
                           !droppable(index, exclusion_indexes));
  };
  if (key(a) != key(b)) return key(a) > key(b);
  return a.name < b.name;
}

bool serves_foreign_key(const ExistingIndex& index, const std::vector<ForeignKey>& foreign_keys) {
  const auto& columns = index.definition.columns;
  for (const auto& key : foreign_keys) {
    if (!same_table(key.table, index.definition.qualified_table())) continue;
    if (key.columns.empty() || columns.size() < key.columns.size()) continue;
    // The lookup is "col1 = $1 AND col2 = $2 ...": any order of the leading columns serves it.
    bool all_leading = std::all_of(key.columns.begin(), key.columns.end(), [&](const std::string& name) {
      return std::any_of(columns.begin(), columns.begin() + key.columns.size(),
                         [&](const IndexColumn& c) { return same_column_name(c.name, name); });
    });
    if (all_leading) return true;
  }
  return false;
}

std::string column_list(const IndexDefinition& definition) {
  std::string text;
  for (const auto& column : definition.columns) {
    text += (text.empty() ? "" : ", ") + column.name;
    if (column.descending) text += " DESC";
    if (column.nulls_flipped) text += column.descending ? " NULLS LAST" : " NULLS FIRST";
  }
  return "(" + text + ")";
}

std::string drop_ddl(const ExistingIndex& index) {
  std::string schema = index.definition.schema.empty() ? "" : quote_identifier(index.definition.schema) + ".";
  return "DROP INDEX CONCURRENTLY IF EXISTS " + schema + quote_identifier(index.name) + ";";
}

std::string upkeep(bool table_written, const std::string& table) {
  return table_written ? " and saves its upkeep on every write the workload makes to " + table + "."
                       : " (the workload never writes " + table + ", so the gain is disk space).";
}

DropSuggestion prefix_drop(const ExistingIndex& index, const ExistingIndex& cover, bool used, bool table_written) {
  DropSuggestion drop{index, DropKind::Prefix, cover.name, "", drop_ddl(index), {}};
  const std::string table = index.definition.qualified_table();
  drop.reason = index.name + " " + column_list(index.definition) + " on " + table + " is a leading prefix of " +
                cover.name + " " + column_list(cover.definition) + ", which serves the same lookups; dropping it frees " +
                human_bytes(index.size_bytes) + upkeep(table_written, table);
  if (used)
    drop.caveats.push_back("the workload's plans use " + index.name + ": after the drop they use the larger " +
                           cover.name + ", check their cost");
  return drop;
}

DropSuggestion unused_drop(const ExistingIndex& index, bool table_written) {
  DropSuggestion drop{index, DropKind::Unused, "", "", drop_ddl(index), {kLogOnlyCaveat}};
  const std::string table = index.definition.qualified_table();
  drop.reason = "No replayed plan of the workload used " + index.name + " " + column_list(index.definition) + " on " +
                table + "; dropping it frees " + human_bytes(index.size_bytes) + upkeep(table_written, table);
  return drop;
}

void by_size(std::vector<DropSuggestion>& drops) {
  std::stable_sort(drops.begin(), drops.end(), [](const DropSuggestion& a, const DropSuggestion& b) {
    if (a.index.size_bytes != b.index.size_bytes) return a.index.size_bytes > b.index.size_bytes;
    return a.index.name < b.index.name;
  });
}

}  // namespace

std::vector<DropSuggestion> suggest_drops(const std::vector<ExistingIndex>& existing,
                                          const std::vector<std::string>& used_index_names,
                                          const std::vector<ForeignKey>& foreign_keys,
                                          const std::set<std::string>& tables_written,
                                          const std::set<std::string>& exclusion_indexes) {
  const std::set<std::string> used(used_index_names.begin(), used_index_names.end());
  std::vector<DropSuggestion> prefixes;
  std::set<std::string> prefix_dropped;
  std::set<std::string> covers;  // kept: they take over the lookups of the prefix duplicates
  for (const auto& index : existing) {
    if (!droppable(index, exclusion_indexes)) continue;
    // The highest-ranked cover is never itself covered, so it is never dropped too.
    const ExistingIndex* best = nullptr;
    for (const auto& other : existing) {
      if (&other == &index || !structurally_covers(other, index)) continue;
      if (!ranks_above(other, index, exclusion_indexes)) continue;
      if (!best || ranks_above(other, *best, exclusion_indexes)) best = &other;
    }
    if (!best) continue;
    bool table_written = written(tables_written, index.definition.qualified_table());
    prefixes.push_back(prefix_drop(index, *best, used.count(index.name) > 0, table_written));
    prefix_dropped.insert(index.name);
    covers.insert(best->name);
  }

  std::vector<DropSuggestion> unused;
  for (const auto& index : existing) {
    if (!droppable(index, exclusion_indexes) || used.count(index.name)) continue;
    if (prefix_dropped.count(index.name) || covers.count(index.name)) continue;
    // Django makes one per foreign key: the referenced table's DELETE/UPDATE checks need it even
    // when no logged query did.
    if (serves_foreign_key(index, foreign_keys)) continue;
    unused.push_back(unused_drop(index, written(tables_written, index.definition.qualified_table())));
  }

  by_size(prefixes);
  by_size(unused);
  prefixes.insert(prefixes.end(), unused.begin(), unused.end());
  return prefixes;
}

}  // namespace pgadvisor
