// Which names a part of a statement can see: the range names (aliases, else table names) of a
// SELECT level's FROM items, the column references under a node whose qualifier no level between
// it and that node (nor a given set of names) defines — references to an enclosing query, i.e.
// correlation — and the WITH query names a subtree reads. Pure functions on libpg_query's
// protobuf tree; what they do not understand (a function in FROM without an alias) counts as no
// name, which errs towards "correlated".
#pragma once

#include <set>
#include <string>
#include <vector>

#include "plans/sql/parse_tree_edit.hpp"

namespace pgadvisor {

// The names the FROM items of `select` bring into scope (joins looked into).
std::set<std::string> from_item_names(const PgQuery__SelectStmt* select);

// The qualifiers of the column references under `root` that neither `visible` nor a SELECT level
// between the reference and `root` (root included) defines, in order of appearance, each once.
// Unqualified references are taken as resolved inside.
std::vector<std::string> outside_qualifiers(PgQuery__Node* root, const std::set<std::string>& visible);

// The names of the WITH queries of every SELECT level on `path` (the levels enclosing its end).
std::set<std::string> enclosing_cte_names(const TreePath& path);

// True when a table reference under `root` (schema-less) has one of `names`.
bool reads_any_of(PgQuery__Node* root, const std::set<std::string>& names);

}  // namespace pgadvisor
