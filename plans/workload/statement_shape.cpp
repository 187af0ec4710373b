#include "plans/workload/statement_shape.hpp"

namespace pgadvisor {
namespace {

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The end of the number starting at `i` (digits, one fraction, an exponent).
size_t number_end(std::string_view sql, size_t i) {
  while (i < sql.size() && (is_digit(sql[i]) || sql[i] == '.')) ++i;
  if (i < sql.size() && (sql[i] == 'e' || sql[i] == 'E')) {
    size_t j = i + 1;
    if (j < sql.size() && (sql[j] == '+' || sql[j] == '-')) ++j;
    if (j < sql.size() && is_digit(sql[j])) {
      i = j;
      while (i < sql.size() && is_digit(sql[i])) ++i;
    }
  }
  return i;
}

}  // namespace

StatementShape shape_of_statement(std::string_view sql) {
  StatementShape shape;
  shape.key.reserve(sql.size());
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    char previous = i > 0 ? sql[i - 1] : ' ';
    if ((c == '-' && next == '-') || (c == '/' && next == '*')) return {};  // comment
    if (c == '\'') {
      if (is_identifier_char(previous)) return {};  // E'', B'', X'', N'' prefixes
      size_t j = i + 1;
      for (;;) {
        if (j >= sql.size()) return {};  // unterminated
        if (sql[j] == '\'') {
          if (j + 1 < sql.size() && sql[j + 1] == '\'') {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      shape.literals.push_back({i, j + 1 - i});
      shape.key += "'?'";
      i = j + 1;
      continue;
    }
    if (c == '"') {  // a quoted identifier is copied whole
      size_t j = sql.find('"', i + 1);
      if (j == std::string_view::npos) return {};
      shape.key.append(sql.substr(i, j + 1 - i));
      i = j + 1;
      continue;
    }
    if (c == '$' && !is_identifier_char(previous) && !is_digit(next)) return {};  // dollar quote
    if ((is_digit(c) || (c == '.' && is_digit(next))) && !is_identifier_char(previous)) {
      size_t end = number_end(sql, i);
      shape.literals.push_back({i, end - i});
      shape.key += '?';
      i = end;
      continue;
    }
    if (is_identifier_char(c)) {  // a whole word at once, digits inside it included
      size_t j = i;
      while (j < sql.size() && is_identifier_char(sql[j])) ++j;
      shape.key.append(sql.substr(i, j - i));
      i = j;
      continue;
    }
    shape.key += c;
    ++i;
  }
  shape.cacheable = true;
  return shape;
}

}  // namespace pgadvisor
