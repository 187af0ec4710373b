#include "plans/sql/expression_text.hpp"

#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

void lowest_location(const nlohmann::json& node, int& lowest) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "location" && value.is_number_integer()) {
        int location = value.get<int>();
        if (location >= 0 && (lowest < 0 || location < lowest)) lowest = location;
      } else {
        lowest_location(value, lowest);
      }
    }
  } else if (node.is_array()) {
    for (const auto& item : node) lowest_location(item, lowest);
  }
}

// `text` with the qualifiers of its column references dropped: in a chain a.b.c that is not a
// function call, only c remains.
std::string without_qualifiers(const std::string& text, const std::vector<SqlToken>& tokens) {
  std::string out;
  size_t copied = 0;
  for (size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (!(tokens[i].name && tokens[i + 1].symbol == '.' && tokens[i + 2].name)) continue;
    size_t after = i + 3;
    bool chain_goes_on = after < tokens.size() && tokens[after].symbol == '.';
    bool function_name = after < tokens.size() && tokens[after].symbol == '(';
    if (function_name && !chain_goes_on) continue;
    out += text.substr(copied, tokens[i].start - copied);
    copied = tokens[i + 1].end;
  }
  return out + text.substr(copied);
}

}  // namespace

int first_location(const nlohmann::json& node) {
  int lowest = -1;
  lowest_location(node, lowest);
  return lowest;
}

std::string expression_text(const std::string& sql, const nlohmann::json& node, size_t end) {
  int start = first_location(node);
  if (start < 0 || static_cast<size_t>(start) >= end || end > sql.size()) return "";
  std::string text = sql.substr(static_cast<size_t>(start), end - static_cast<size_t>(start));
  std::vector<SqlToken> tokens = scan_sql(text);
  if (tokens.empty()) return "";
  int balance = 0;
  for (const auto& token : tokens) balance += token.symbol == '(' ? 1 : token.symbol == ')' ? -1 : 0;
  if (balance > 0) return "";
  text = without_qualifiers(text, tokens);
  return deparse_expression(std::string(static_cast<size_t>(-balance), '(') + text);
}

}  // namespace pgadvisor
