#include "advisor/candidates/catalog_facts.hpp"

#include <algorithm>

#include "plans/pg/table_columns.hpp"
#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

// The same predicate in both extractions (of the same statement text, or of another call of the
// template): same operator, column text and number of constants. Only the table can differ.
bool same_predicate(const Predicate& a, const Predicate& b) {
  return a.op == b.op && a.column.column == b.column.column && a.column.expression == b.column.expression &&
         a.values.size() == b.values.size();
}

// The tracker of `tmpl` for its new facts: a predicate keeps its constancy (predicates are
// matched in order, scope by scope); one the first extraction did not have (an expression over
// the columns of a query over several tables) counts as varying, so it never becomes a partial
// index's WHERE.
ConstantTracker remapped(const QueryTemplate& tmpl, const QueryFacts& facts) {
  std::vector<std::pair<size_t, size_t>> varying;
  for (size_t s = 0; s < facts.scopes.size(); ++s) {
    const auto& now = facts.scopes[s].predicates;
    static const std::vector<Predicate> kNone;
    const auto& before = s < tmpl.facts.scopes.size() ? tmpl.facts.scopes[s].predicates : kNone;
    size_t next = 0;
    for (size_t p = 0; p < now.size(); ++p) {
      size_t q = next;
      while (q < before.size() && !same_predicate(before[q], now[p])) ++q;
      bool constant = q < before.size() && tmpl.constants.is_constant(s, q);
      if (q < before.size()) next = q + 1;
      if (!constant) varying.emplace_back(s, p);
    }
  }
  return ConstantTracker::restored(facts, varying);
}

}  // namespace

void resolve_with_catalog(Transaction& tx, std::vector<const QueryTemplate*>& templates,
                          std::deque<QueryTemplate>& storage, Diagnostics& diagnostics) {
  std::vector<std::string> tables;
  for (const QueryTemplate* tmpl : templates)
    for (const auto& table : tmpl->facts.table_names())
      if (std::find(tables.begin(), tables.end(), table) == tables.end()) tables.push_back(table);
  TableColumns columns;
  try {
    columns = read_table_columns(tx, tables);
  } catch (const DatabaseError& error) {
    diagnostics.push_back({"candidates", 0, std::string("column lists unavailable: ") + error.what(), ""});
    return;
  }
  for (const QueryTemplate*& tmpl : templates) {
    ParsedSql parsed = parse_sql(tmpl->sample.sql);
    if (!parsed.ok()) continue;
    storage.push_back(*tmpl);
    QueryFacts facts = extract_query_facts(parsed, &columns);
    storage.back().constants = remapped(*tmpl, facts);
    storage.back().facts = std::move(facts);
    tmpl = &storage.back();
  }
}

}  // namespace pgadvisor
