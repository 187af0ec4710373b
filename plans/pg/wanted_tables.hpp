// The catalog readers' common start: a CTE `tables (name, oid)` matching the requested names
// ($1: "table" or "schema.table", unquoted, joined by join_units) to pg_class; an unqualified
// name matches only a relation visible through search_path.
#pragma once

namespace pgadvisor {

inline constexpr const char* kWantedTablesCte = R"SQL(
WITH wanted AS (
  SELECT name,
         CASE WHEN strpos(name, '.') > 0 THEN split_part(name, '.', 1) END AS nsp,
         CASE WHEN strpos(name, '.') > 0 THEN substr(name, strpos(name, '.') + 1) ELSE name END AS rel
    FROM unnest(string_to_array($1, E'\x1f')) AS name
), tables AS (
  SELECT w.name, t.oid
    FROM wanted w
    JOIN pg_class t ON t.relname = w.rel
    JOIN pg_namespace n ON n.oid = t.relnamespace
   WHERE (w.nsp IS NULL AND pg_table_is_visible(t.oid)) OR n.nspname = w.nsp
)
)SQL";

}  // namespace pgadvisor
