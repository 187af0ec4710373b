#include "plans/pg/write_closure.hpp"

#include <fmt/format.h>

#include <set>

#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

// Tables whose foreign keys act on rows of `table` when it is deleted from or updated.
void add_referencing(Transaction& tx, const TouchedTable& table, std::vector<TouchedTable>& queue) {
  if (!table.deleted && !table.updated) return;
  Rows rows = tx.query(
      "SELECT c.conrelid, c.conname, c.confdeltype, c.confupdtype FROM pg_constraint c "
      "WHERE c.contype = 'f' AND c.confrelid = $1::oid",
      {table.relation.oid});
  for (const auto& row : rows) {
    for (bool on_delete : {true, false}) {
      if (on_delete ? !table.deleted : !table.updated) continue;
      const char action = (on_delete ? row[2] : row[3]).value_or("a").front();
      if (action != 'c' && action != 'n' && action != 'd') continue;
      std::optional<ClosureRelation> referencing = relation_by_oid(tx, row[0].value_or("0"));
      if (!referencing) continue;
      TouchedTable next;
      next.relation = *referencing;
      next.deleted = on_delete && action == 'c';
      next.updated = !next.deleted;
      next.set_default = action == 'd';
      const char* what = action == 'c' ? "CASCADE" : action == 'n' ? "SET NULL" : "SET DEFAULT";
      next.reached = fmt::format("reached by ON {} {} of foreign key {} from {}", on_delete ? "DELETE" : "UPDATE", what,
                                 row[1].value_or(""), table.relation.name);
      queue.push_back(std::move(next));
    }
  }
}

void add_children(Transaction& tx, const TouchedTable& table, std::vector<TouchedTable>& queue) {
  Rows rows = tx.query("SELECT inhrelid FROM pg_inherits WHERE inhparent = $1::oid ORDER BY 1", {table.relation.oid});
  for (const auto& row : rows) {
    std::optional<ClosureRelation> child = relation_by_oid(tx, row[0].value_or("0"));
    if (!child) continue;
    TouchedTable next = table;
    next.relation = *child;
    // an UPDATE of a partitioned table may move a row to another partition: a DELETE and an INSERT there
    if (table.relation.kind == 'p' && table.updated) next.inserted = next.deleted = true;
    next.reached = fmt::format("{} of {}", table.relation.kind == 'p' ? "partition" : "inheritance child", table.relation.name);
    queue.push_back(std::move(next));
  }
}

// The relations an auto-updatable view writes through: those its query reads.
void add_view_bases(Transaction& tx, const TouchedTable& view, std::vector<TouchedTable>& queue) {
  ParsedSql parsed = parse_sql(view_definition(tx, view.relation.oid));
  if (!parsed.ok()) return;
  for (const auto& name : statement_objects(parsed.tree).relations) {
    std::optional<ClosureRelation> base = resolve_relation(tx, name);
    if (!base) continue;
    TouchedTable next = view;
    next.relation = *base;
    next.reached = "base table of view " + view.relation.name;
    queue.push_back(std::move(next));
  }
}

std::string where(const TouchedTable& table) {
  return table.reached.empty() ? table.relation.name : fmt::format("{} ({})", table.relation.name, table.reached);
}

}  // namespace

std::vector<TouchedTable> tables_touched_by_write(Transaction& tx, const std::vector<WriteTarget>& targets, bool& complete) {
  std::vector<TouchedTable> queue;
  for (const auto& target : targets) {
    TouchedTable table;
    table.relation = target.relation;
    table.target = true;
    table.inserted = target.action == WriteAction::Insert || target.action == WriteAction::Merge;
    table.updated = target.action == WriteAction::Update || target.action == WriteAction::Merge;
    table.deleted = target.action == WriteAction::Delete || target.action == WriteAction::Merge;
    queue.push_back(std::move(table));
  }
  std::vector<TouchedTable> touched;
  std::set<std::string> seen;  // oid and the actions it was reached with
  size_t i = 0;
  for (; i < queue.size() && i < kMaxTouchedTables; ++i) {
    TouchedTable table = queue[i];
    std::string key = fmt::format("{}:{}{}{}{}", table.relation.oid, table.inserted, table.updated, table.deleted, table.set_default);
    if (!seen.insert(key).second) continue;
    if (table.relation.kind == 'v') add_view_bases(tx, table, queue);
    add_children(tx, table, queue);
    add_referencing(tx, table, queue);
    touched.push_back(std::move(table));
  }
  complete = i >= queue.size();
  return touched;
}

CodeRunByWrite code_run_by_write(Transaction& tx, const TouchedTable& table, bool sets_default) {
  CodeRunByWrite code;
  const std::string& oid = table.relation.oid;
  const std::string at = where(table);
  if (table.relation.kind == 'f') code.risks.push_back({false, fmt::format("writes foreign table {}, outside this database", at)});

  // Triggers on the events the write causes here (pg_trigger.tgtype: 4 INSERT, 8 DELETE, 16 UPDATE).
  const int events = (table.inserted ? 4 : 0) | (table.deleted ? 8 : 0) | (table.updated ? 16 : 0);
  for (const auto& row : tx.query("SELECT tgname, tgfoid, CASE WHEN tgqual IS NOT NULL THEN pg_get_triggerdef(oid) END "
                                  "FROM pg_trigger WHERE tgrelid = $1::oid AND NOT tgisinternal "
                                  "AND (tgtype::int & $2::int) <> 0 ORDER BY 1", {oid, std::to_string(events)})) {
    const std::string trigger = fmt::format("trigger {} on {}", row[0].value_or(""), at);
    code.triggers.push_back({row[1].value_or("0"), trigger + " calls", RunsWhen::Executed});
    if (row[2]) code.expressions.push_back({"the WHEN condition of " + trigger, *row[2], RunsWhen::Executed});
  }

  for (const auto& row : tx.query("SELECT rulename, pg_get_ruledef(oid) FROM pg_rewrite WHERE ev_class = $1::oid "
                                  "AND rulename <> '_RETURN' ORDER BY 1", {oid})) {
    // its actions are planned with the statement: their own targets' defaults are folded then
    code.risks.push_back({true, fmt::format("{} has rewrite rule {}, whose actions are planned with the statement and "
                                            "not checked: not planned", at, row[0].value_or(""))});
  }

  const bool fills_defaults = table.inserted || (table.target && sets_default);
  for (const auto& row : tx.query("SELECT a.attname, pg_get_expr(d.adbin, d.adrelid), a.attgenerated <> '' "
                                  "FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
                                  "WHERE d.adrelid = $1::oid ORDER BY a.attnum", {oid})) {
    const bool generated = row[2].value_or("f") == "t";
    if (generated ? !(table.inserted || table.updated) : !(fills_defaults || table.set_default)) continue;
    code.expressions.push_back({fmt::format("the {} of column {} of {}", generated ? "expression" : "default",
                                            row[0].value_or(""), at),
                                "SELECT " + row[1].value_or("NULL"),
                                fills_defaults && !generated ? RunsWhen::Planned : RunsWhen::Executed});
  }
  // A column of a domain type without a default of its own takes the domain's (the rewriter adds it).
  if (fills_defaults)
    for (const auto& row : tx.query("SELECT a.attname, pg_get_expr(t.typdefaultbin, 0) FROM pg_attribute a "
                                    "JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = $1::oid AND a.attnum > 0 "
                                    "AND NOT a.attisdropped AND NOT a.atthasdef AND t.typdefaultbin IS NOT NULL "
                                    "ORDER BY a.attnum", {oid}))
      code.expressions.push_back({fmt::format("the domain default of column {} of {}", row[0].value_or(""), at),
                                  "SELECT " + row[1].value_or("NULL"), RunsWhen::Planned});
  if (fills_defaults || table.set_default) {
    Rows identity = tx.query("SELECT attname FROM pg_attribute WHERE attrelid = $1::oid AND attidentity <> '' "
                             "AND NOT attisdropped ORDER BY attnum LIMIT 1", {oid});
    if (!identity.empty())
      code.risks.push_back({false, fmt::format("writes {}, whose identity column {} draws from a sequence; a rollback "
                                               "does not give the values back", at, identity[0][0].value_or(""))});
  }
  if (!table.inserted && !table.updated) return code;

  for (const auto& row : tx.query("SELECT conname, pg_get_expr(conbin, conrelid) FROM pg_constraint "
                                  "WHERE conrelid = $1::oid AND contype = 'c' ORDER BY 1", {oid}))
    code.expressions.push_back({fmt::format("CHECK constraint {} of {}", row[0].value_or(""), at),
                                "SELECT " + row[1].value_or("NULL"), RunsWhen::Executed});
  for (const auto& row : tx.query("WITH RECURSIVE d AS (SELECT a.atttypid AS oid FROM pg_attribute a "
                                  "  WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped "
                                  "  UNION SELECT b.typbasetype FROM pg_type b JOIN d ON b.oid = d.oid WHERE b.typtype = 'd') "
                                  "SELECT DISTINCT con.conname, pg_get_expr(con.conbin, 0) FROM d "
                                  "JOIN pg_constraint con ON con.contypid = d.oid WHERE con.contype = 'c' ORDER BY 1", {oid}))
    // bound parameters are coerced to the column's domain even for a plain EXPLAIN
    code.expressions.push_back({fmt::format("domain constraint {} of a column of {}", row[0].value_or(""), at),
                                "SELECT " + row[1].value_or("NULL"), RunsWhen::Explained});
  for (const auto& row : tx.query("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                                  "WHERE indrelid = $1::oid AND (indexprs IS NOT NULL OR indpred IS NOT NULL) ORDER BY 1",
                                  {oid}))
    code.expressions.push_back({fmt::format("index {} on {}", row[0].value_or(""), at), row[1].value_or(""),
                                RunsWhen::Executed});
  if (table.relation.kind == 'p') {  // tuple routing computes the partition key
    Rows key = tx.query("SELECT pg_get_partkeydef($1::oid)", {oid});
    if (!key.empty() && key[0][0])
      code.expressions.push_back({"the partition key of " + at, "CREATE TABLE k () PARTITION BY " + *key[0][0],
                                  RunsWhen::Executed});
  }
  return code;
}

}  // namespace pgadvisor
