#include "plans/sql/prepared_execute.hpp"

#include <fmt/format.h>

#include <cctype>

#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

// The value of a constant argument as a bind parameter would carry it; false when the argument
// is an expression. A cast keeps its argument's value (the PREPARE declares the type).
bool constant_value(const nlohmann::json& node, StatementParam& value) {
  if (!node.is_object() || node.size() != 1) return false;
  const std::string& type = node.begin().key();
  const auto& body = node.begin().value();
  if (type == "TypeCast") return constant_value(body.value("arg", nlohmann::json::object()), value);
  if (type != "A_Const") return false;
  if (body.value("isnull", false)) {
    value = std::nullopt;
  } else if (body.contains("ival")) {
    value = std::to_string(body["ival"].value("ival", 0LL));
  } else if (body.contains("fval")) {
    value = body["fval"].value("fval", "0");
  } else if (body.contains("boolval")) {
    value = body["boolval"].value("boolval", false) ? "true" : "false";
  } else if (body.contains("sval")) {
    value = body["sval"].value("sval", "");
  } else {
    return false;  // bit strings: no text form a bind parameter would take as is
  }
  return true;
}

const nlohmann::json* single_statement(const ParsedSql& parsed, const char* type) {
  const nlohmann::json& statements = parsed.statements();
  if (statements.size() != 1 || !statements[0].contains("stmt")) return nullptr;
  const nlohmann::json& stmt = statements[0]["stmt"];
  return stmt.contains(type) ? &stmt[type] : nullptr;
}

ResolvedExecute failure(std::string why) {
  ResolvedExecute out;
  out.error = std::move(why);
  return out;
}

}  // namespace

bool looks_like_execute(const std::string& sql) {
  size_t i = 0;
  while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
  static const char keyword[] = "execute";
  for (size_t k = 0; k + 1 < sizeof keyword; ++k, ++i) {
    if (i >= sql.size() || std::tolower(static_cast<unsigned char>(sql[i])) != keyword[k]) return false;
  }
  return i == sql.size() || !(std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_');
}

ResolvedExecute resolve_prepared_execute(const std::string& execute_sql, const std::string& prepare_sql) {
  const ParsedSql execute = parse_sql(execute_sql);
  const nlohmann::json* execute_stmt = single_statement(execute, "ExecuteStmt");
  if (execute_stmt == nullptr) return failure("not a single EXECUTE statement");
  // its arguments' bytes would reach the replay as the tree shows them (\xNN), not as sent
  if (execute.not_utf8) return failure("its arguments are not valid UTF-8: their bytes cannot be carried as sent");
  const ParsedSql prepare = parse_sql(prepare_sql);
  const nlohmann::json* prepare_stmt = single_statement(prepare, "PrepareStmt");
  if (prepare_stmt == nullptr) return failure("its DETAIL is not a single PREPARE statement");
  const std::string name = execute_stmt->value("name", "");
  if (prepare_stmt->value("name", "") != name)
    return failure(fmt::format("EXECUTE {} but the DETAIL prepares {}", name, prepare_stmt->value("name", "")));

  ResolvedExecute out;
  static const nlohmann::json no_arguments = nlohmann::json::array();
  const nlohmann::json& arguments = execute_stmt->contains("params") ? (*execute_stmt)["params"] : no_arguments;
  for (size_t i = 0; i < arguments.size(); ++i) {
    StatementParam value;
    if (!constant_value(arguments[i], value))
      return failure(fmt::format("argument {} of EXECUTE {} is an expression, not a constant", i + 1, name));
    out.params.push_back(std::move(value));
  }
  const size_t body = prepared_query_offset(prepare_sql);
  if (body == std::string::npos) return failure("cannot find the query of the PREPARE");
  out.sql = prepare_sql.substr(body);
  return out;
}

}  // namespace pgadvisor
