#include "plans/pg/explain.hpp"

#include <atomic>

#include "plans/json_text.hpp"
#include "plans/sql/parse_tree_walk.hpp"
#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

std::atomic<long> generic_statements{0};  // unique names: a prepared statement outlives a rollback

Rows run(Transaction& tx, const std::string& sql, const std::vector<StatementParam>& params, bool in_savepoint) {
  return in_savepoint ? tx.query_in_savepoint(sql, params) : tx.query(sql, params);
}

nlohmann::json first_field_json(const Rows& rows) {
  if (rows.empty() || rows[0].empty() || !rows[0][0]) throw DatabaseError("EXPLAIN returned nothing", "");
  return parse_json_visible(*rows[0][0]);  // a Latin-1 constant in a plan is read as \xNN
}

}  // namespace

int missing_parameters(const Statement& statement) {
  if (!statement.params.empty()) return 0;
  ParsedSql parsed = parse_sql(statement.sql);
  return parsed.ok() ? highest_parameter(parsed.tree) : 0;
}

nlohmann::json explain_statement(Transaction& tx, const Statement& statement, ExplainMode mode, bool in_savepoint) {
  int missing = missing_parameters(statement);
  if (missing == 0) {
    std::string explain = mode == ExplainMode::Analyze ? "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " : "EXPLAIN (FORMAT JSON) ";
    return first_field_json(run(tx, explain + statement.sql, statement.params, in_savepoint));
  }
  std::string name = "pgadvisor_generic_" + std::to_string(++generic_statements);
  std::string nulls;
  for (int i = 0; i < missing; ++i) nulls += i ? ", NULL" : "NULL";
  run(tx, "SET LOCAL plan_cache_mode = force_generic_plan", {}, in_savepoint);
  run(tx, "PREPARE " + name + " AS " + statement.sql, {}, in_savepoint);
  nlohmann::json plan = first_field_json(run(tx, "EXPLAIN (FORMAT JSON) EXECUTE " + name + "(" + nulls + ")", {}, in_savepoint));
  run(tx, "DEALLOCATE " + name, {}, in_savepoint);
  return plan;
}

}  // namespace pgadvisor
