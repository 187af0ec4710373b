#include "plans/pg/catalog_safety.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace pgadvisor {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : "\x1f") + name;
  return out;
}

std::string first_value(const Rows& rows, size_t column = 0) {
  return rows.empty() ? "" : rows[0][column].value_or("");
}

}  // namespace

std::string risky_user_function(Transaction& tx, const std::vector<std::string>& functions,
                                const std::vector<std::string>& allowed) {
  std::vector<std::string> checked;
  for (const auto& name : functions)
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) checked.push_back(name);
  if (checked.empty()) return "";
  Rows rows = tx.query(
      "SELECT p.proname, l.lanname, p.provolatile = 'v' "
      "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
      "JOIN pg_language l ON l.oid = p.prolang "
      "WHERE p.proname = ANY (string_to_array($1, E'\\x1f')) "
      "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
      "AND (p.provolatile = 'v' OR NOT l.lanpltrusted) ORDER BY 1 LIMIT 1",
      {joined(checked)});
  if (rows.empty()) return "";
  const std::string name = first_value(rows, 0), language = first_value(rows, 1);
  if (first_value(rows, 2) == "t")
    return fmt::format("calls {}(), a volatile user function ({}) that may act outside the transaction", name, language);
  return fmt::format("calls {}(), written in {}, an untrusted language", name, language);
}

std::string risky_write_target(Transaction& tx, const std::vector<std::string>& tables, bool inserts) {
  if (tables.empty()) return "cannot tell which table it writes";
  // The written tables, and those their foreign keys' ON DELETE/UPDATE actions reach.
  const std::string reached =
      "WITH target AS (SELECT to_regclass(t) AS rel FROM unnest(string_to_array($1, E'\\x1f')) t), "
      "reached AS (SELECT rel FROM target UNION "
      "  SELECT c.conrelid FROM pg_constraint c JOIN target ON c.confrelid = target.rel "
      "  WHERE c.contype = 'f' AND (c.confdeltype <> 'a' OR c.confupdtype <> 'a')) ";
  Rows missing = tx.query(
      "SELECT t FROM unnest(string_to_array($1, E'\\x1f')) t WHERE to_regclass(t) IS NULL LIMIT 1",
      {joined(tables)});
  if (!missing.empty()) return fmt::format("writes {}, which this database does not have", first_value(missing));

  Rows triggers = tx.query(
      reached + "SELECT g.tgname, g.tgrelid::regclass::text FROM pg_trigger g JOIN reached ON g.tgrelid = reached.rel "
                "WHERE NOT g.tgisinternal ORDER BY 2, 1 LIMIT 1",
      {joined(tables)});
  if (!triggers.empty())
    return fmt::format("fires trigger {} on {}, whose effects are not checked", first_value(triggers, 0),
                       first_value(triggers, 1));
  Rows rules = tx.query(
      reached + "SELECT r.rulename, r.ev_class::regclass::text FROM pg_rewrite r JOIN reached ON r.ev_class = reached.rel "
                "WHERE r.rulename <> '_RETURN' ORDER BY 2, 1 LIMIT 1",
      {joined(tables)});
  if (!rules.empty())
    return fmt::format("{} has rewrite rule {}, whose effects are not checked", first_value(rules, 1), first_value(rules, 0));
  if (!inserts) return "";
  // Sequences behind column defaults (serial, nextval(...)) and identity columns.
  Rows sequences = tx.query(
      "WITH target AS (SELECT to_regclass(t) AS rel FROM unnest(string_to_array($1, E'\\x1f')) t) "
      "SELECT s.oid::regclass::text, d.adrelid::regclass::text FROM pg_attrdef d JOIN target ON d.adrelid = target.rel "
      "JOIN pg_depend dep ON dep.classid = 'pg_attrdef'::regclass AND dep.objid = d.oid "
      "JOIN pg_class s ON s.oid = dep.refobjid AND s.relkind = 'S' "
      "UNION ALL SELECT s.oid::regclass::text, dep.refobjid::regclass::text FROM pg_depend dep "
      "JOIN target ON dep.refobjid = target.rel JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S' "
      "WHERE dep.deptype = 'i' ORDER BY 1 LIMIT 1",
      {joined(tables)});
  if (!sequences.empty())
    return fmt::format("inserts into {}, which draws from sequence {}; a rollback does not give the values back",
                       first_value(sequences, 1), first_value(sequences, 0));
  return "";
}

}  // namespace pgadvisor
