#include "plans/pg/closure_catalog.hpp"

#include "plans/pg/unit_list.hpp"

namespace pgadvisor {
namespace {

// Matches a name in `schema` when given, else in the schemas of the search path.
const char* const kInSchemaOrPath =
    "(CASE WHEN $1 = '' THEN n.nspname = ANY (current_schemas(true)) ELSE n.nspname = $1 END)";

std::optional<ClosureRelation> closure_relation_from(const Rows& rows) {
  if (rows.empty()) return std::nullopt;
  const Row& row = rows[0];
  ClosureRelation info;
  info.oid = row[0].value_or("");
  info.kind = row[1].value_or("r").empty() ? 'r' : row[1]->front();
  info.name = row[2].value_or("");
  info.row_security = row[3].value_or("f") == "t";
  info.builtin = row[4].value_or("f") == "t";
  return info;
}

const char* const kRelationColumns =
    "SELECT c.oid, c.relkind, c.oid::regclass::text, c.relrowsecurity, c.oid < 16384 "
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace ";

std::vector<std::string> first_column(const Rows& rows) {
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(row[0].value_or(""));
  return out;
}

}  // namespace

std::optional<ClosureRelation> resolve_relation(Transaction& tx, const QualifiedName& name) {
  return closure_relation_from(tx.query(std::string(kRelationColumns) + "WHERE c.relname = $2 AND " + kInSchemaOrPath +
                                    " ORDER BY array_position(current_schemas(true), n.nspname) LIMIT 1",
                                {name.schema, name.name}));
}

std::optional<ClosureRelation> relation_by_oid(Transaction& tx, const std::string& oid) {
  return closure_relation_from(tx.query(std::string(kRelationColumns) + "WHERE c.oid = $1::oid", {oid}));
}

std::string view_definition(Transaction& tx, const std::string& view_oid) {
  Rows rows = tx.query("SELECT pg_get_viewdef($1::oid)", {view_oid});
  return rows.empty() ? "" : rows[0][0].value_or("");
}

std::vector<NamedExpression> policy_expressions(Transaction& tx, const std::string& table_oid) {
  Rows rows = tx.query(
      "SELECT polname, e FROM pg_policy, LATERAL (VALUES (pg_get_expr(polqual, polrelid)), "
      "(pg_get_expr(polwithcheck, polrelid))) AS x(e) WHERE polrelid = $1::oid AND e IS NOT NULL",
      {table_oid});
  std::vector<NamedExpression> out;
  for (const auto& row : rows) out.push_back({row[0].value_or(""), "SELECT " + row[1].value_or("")});
  return out;
}

std::vector<std::string> function_candidates(Transaction& tx, const std::vector<QualifiedName>& names) {
  if (names.empty()) return {};
  std::vector<std::string> schemas, functions;
  for (const auto& name : names) {
    schemas.push_back(name.schema);
    functions.push_back(name.name);
  }
  return first_column(tx.query(
      "WITH named AS (SELECT coalesce(s, '') AS schema_name, f FROM "
      "  unnest(string_to_array($1, E'\\x1f'), string_to_array($2, E'\\x1f')) AS x(s, f)), "
      "found AS (SELECT p.oid FROM named JOIN pg_proc p ON p.proname = named.f "
      "  JOIN pg_namespace n ON n.oid = p.pronamespace WHERE CASE WHEN named.schema_name = '' "
      "  THEN n.nspname = ANY (current_schemas(true)) ELSE n.nspname = named.schema_name END) "
      "SELECT oid FROM found UNION "
      "SELECT unnest(ARRAY[a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn, a.aggmtransfn, "
      "  a.aggminvtransfn, a.aggmfinalfn]::oid[]) FROM pg_aggregate a JOIN found ON a.aggfnoid = found.oid",
      {join_units(schemas), join_units(functions)}));
}

std::vector<OperatorFunctions> user_operators(Transaction& tx, const std::vector<QualifiedName>& names) {
  std::vector<std::string> schemas, operators;
  for (const auto& name : names) {
    schemas.push_back(name.schema);
    operators.push_back(name.name);
  }
  Rows rows = tx.query(
      "SELECT DISTINCT o.oid::regoperator::text, o.oprcode::oid, o.oprrest::oid, o.oprjoin::oid "
      "FROM unnest(string_to_array($1, E'\\x1f'), string_to_array($2, E'\\x1f')) AS named(schema_name, op) "
      "JOIN pg_operator o ON o.oprname = named.op JOIN pg_namespace n ON n.oid = o.oprnamespace "
      "WHERE (CASE WHEN coalesce(named.schema_name, '') = '' THEN n.nspname = ANY (current_schemas(true)) "
      "ELSE n.nspname = named.schema_name END) "
      "AND (o.oprcode::oid >= 16384 OR o.oprrest::oid >= 16384 OR o.oprjoin::oid >= 16384) ORDER BY 1",
      {join_units(schemas), join_units(operators)});
  std::vector<OperatorFunctions> out;
  for (const auto& row : rows) {
    OperatorFunctions op;
    op.signature = row[0].value_or("");
    op.run.push_back(row[1].value_or("0"));
    for (size_t column : {2u, 3u})
      if (row[column].value_or("0") != "0") op.estimators.push_back(*row[column]);
    out.push_back(std::move(op));
  }
  return out;
}

std::vector<NamedExpression> domain_checks(Transaction& tx, const std::vector<std::string>& type_names) {
  Rows rows = tx.query(
      // a domain over a domain checks its base's constraints too
      "WITH RECURSIVE d AS (SELECT t.oid FROM pg_type t WHERE t.typtype = 'd' "
      "  AND t.typname = ANY (string_to_array($1, E'\\x1f')) "
      "  UNION SELECT b.typbasetype FROM pg_type b JOIN d ON b.oid = d.oid WHERE b.typtype = 'd') "
      "SELECT format('%s of domain %s', con.conname, con.contypid::regtype), pg_get_expr(con.conbin, 0) "
      "FROM d JOIN pg_constraint con ON con.contypid = d.oid WHERE con.contype = 'c' ORDER BY 1",
      {join_units(type_names)});
  std::vector<NamedExpression> out;
  for (const auto& row : rows) out.push_back({row[0].value_or(""), "SELECT " + row[1].value_or("NULL")});
  return out;
}

std::vector<CastFunction> user_casts(Transaction& tx, const std::vector<std::string>& type_names) {
  Rows rows = tx.query(
      "SELECT c.castfunc, format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL) "
      "FROM pg_cast c WHERE c.castfunc >= 16384 AND (c.castcontext IN ('i', 'a') OR c.casttarget IN "
      "(SELECT t.oid FROM pg_type t WHERE t.typname = ANY (string_to_array($1, E'\\x1f')))) ORDER BY 1",
      {join_units(type_names)});
  std::vector<CastFunction> out;
  for (const auto& row : rows) out.push_back({row[0].value_or(""), row[1].value_or("")});
  return out;
}

}  // namespace pgadvisor
