// COUNT used as a flag, read from libpg_query's parse tree: a top-level SELECT with COUNT(...) in
// its target list, GROUP BY, and HAVING COUNT(x) > value or >= value (also written value < COUNT(x),
// value <= COUNT(x)), the value a constant or a $n the caller resolves. For Django's
// `.annotate(n=Count('children')).filter(n__gt=0)` shape — the first FROM table (grouped by) joined
// to one child table on child.fk = parent.column, a child column counted — also the names, and the
// statement rewritten as `... WHERE EXISTS (SELECT 1 FROM child WHERE child.fk = parent.column)`:
// the join, GROUP BY, HAVING and the COUNT targets removed, a parse tree deparsed by libpg_query.
// Pure; a statement that does not parse has no such COUNT.
#pragma once

#include <optional>
#include <string>

namespace pgadvisor {

struct CountHaving {
  std::string counted;   // the counted expression as written ("blog_comment"."id", *)
  std::string op;        // ">" or ">=": COUNT(...) op compared (a reversed form turned round)
  std::string compared;  // the value's SQL literal (0, 1, '1') or parameter ($1)

  // Known only for the join shape (empty otherwise). Tables as TableRef::qualified_name().
  std::string parent_table;   // the first FROM table, the one grouped by
  std::string child_table;    // the table of the counted column
  std::string fk_column;      // the child's column the ON condition equates with ...
  std::string parent_column;  // ... this column of the parent
  // The EXISTS form; empty when the names are unknown or the kept targets, WHERE or ORDER BY read
  // more than the parent's qualified columns (the child, the count, another aggregate).
  std::string exists_sql;

  bool names_known() const { return !child_table.empty(); }
};

std::optional<CountHaving> find_count_having(const std::string& sql);

}  // namespace pgadvisor
