// The fix texts of the plan findings (advisor/plan_findings): each remedy in SQL and in Django
// terms, built from the plan node and the template's facts. Identifiers are quoted as
// PostgreSQL's quote_ident would; tables get their schema from the template when it has one.
#pragma once

#include <string>
#include <vector>

#include "plans/plan/plan_tree.hpp"
#include "plans/sql/query_facts.hpp"

namespace pgadvisor::plan_fixes {

struct Fix {
  std::string sql;
  std::string django;
};

// "Index Scan using idx on blog_comment", "Seq Scan on blog_post", "Sort", ...
std::string node_label(const PlanNode& node);

// "a, b, c"
std::string comma_list(const std::vector<std::string>& parts);

// The smallest power of two of megabytes above `kb` (4368 kB → 8).
long long work_mem_mb_above(double kb);

// `relation` as SQL: quoted, with the schema the template gives it.
std::string table_sql(const QueryFacts& facts, const std::string& relation);

// Relations scanned in `node`'s subtree, distinct, depth first.
std::vector<std::string> subtree_relations(const PlanNode& node);

// SET LOCAL / ALTER ROLE work_mem, and the Django settings OPTIONS or a cursor around the query.
Fix work_mem_fix(long long mb);

// An index that returns `sort`'s rows already in order, as {CREATE INDEX, models.Index}, when
// the sort's keys are the template's ORDER BY on the one table the sort reads; empty otherwise.
Fix order_index_fix(const PlanNode& sort, const QueryFacts& facts);

// The template's WHERE columns of `relation` that `node`'s filter or index condition tests,
// plain columns only, distinct, in the order of the WHERE clause.
std::vector<std::string> filter_columns(const PlanNode& node, const QueryFacts& facts);

// ANALYZE of each table; with two or more `columns` of the first table, CREATE STATISTICS
// (dependencies, mcv) on them first. The Django form is a migration running that SQL.
Fix statistics_fix(const QueryFacts& facts, const std::vector<std::string>& relations,
                   const std::vector<std::string>& columns);

// The template's join column of `relation` (compared with another table's column), or "".
std::string join_column(const QueryFacts& facts, const std::string& relation);

// CREATE INDEX on relation (column), and the model's Meta.indexes entry.
Fix column_index_fix(const QueryFacts& facts, const std::string& relation, const std::string& column);

// LIMIT / keyset pagination, and .iterator(chunk_size=2000) or Paginator.
Fix unbounded_fix(const QueryFacts& facts);

// A Django migration whose operation runs `sql` (undone by `reverse_sql`, or a no-op).
std::string run_sql_migration(const std::string& sql, const std::string& reverse_sql = "");

}  // namespace pgadvisor::plan_fixes
