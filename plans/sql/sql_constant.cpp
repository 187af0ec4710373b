#include "plans/sql/sql_constant.hpp"

namespace pgadvisor {

std::string quote_literal(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  return quoted + "'";
}

int constant_location(const nlohmann::json& node) {
  if (!node.is_object() || node.empty()) return -1;
  const std::string& type = node.begin().key();
  const auto& body = node.begin().value();
  if (type == "TypeCast") return constant_location(body.value("arg", nlohmann::json::object()));
  return body.value("location", -1);
}

std::optional<std::string> constant_literal(const nlohmann::json& node) {
  if (!node.is_object() || node.empty()) return std::nullopt;
  const std::string& type = node.begin().key();
  const auto& body = node.begin().value();
  if (type == "TypeCast") return constant_literal(body.value("arg", nlohmann::json::object()));
  if (type == "ParamRef") return "$" + std::to_string(body.value("number", 0));
  if (type != "A_Const") return std::nullopt;
  if (body.value("isnull", false)) return std::string("NULL");
  if (body.contains("ival")) return std::to_string(body["ival"].value("ival", 0LL));
  if (body.contains("fval")) return body["fval"].value("fval", "0");
  if (body.contains("boolval")) return std::string(body["boolval"].value("boolval", false) ? "true" : "false");
  if (body.contains("sval")) return quote_literal(body["sval"].value("sval", ""));
  if (body.contains("bsval")) return body["bsval"].value("bsval", "");
  return std::nullopt;
}

}  // namespace pgadvisor
