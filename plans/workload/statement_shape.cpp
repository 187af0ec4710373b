#include "plans/workload/statement_shape.hpp"

namespace pgadvisor {
namespace {

// Character classes, by table: this scan runs on every statement of the log.
constexpr unsigned char kIdentifier = 1, kDigit = 2;

struct CharTable {
  unsigned char classes[256] = {};
  constexpr CharTable() {
    for (int c = 0; c < 256; ++c) {
      bool digit = c >= '0' && c <= '9';
      bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
      classes[c] = static_cast<unsigned char>((digit || letter ? kIdentifier : 0) | (digit ? kDigit : 0));
    }
  }
};
constexpr CharTable kTable;

bool is_identifier_char(char c) { return kTable.classes[static_cast<unsigned char>(c)] & kIdentifier; }
bool is_digit(char c) { return kTable.classes[static_cast<unsigned char>(c)] & kDigit; }

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

// The end of the string literal whose opening quote is at `i`, or npos when unterminated.
size_t string_end(std::string_view sql, size_t i) {
  for (size_t j = i + 1;;) {
    j = sql.find('\'', j);
    if (j == std::string_view::npos) return j;
    if (j + 1 < sql.size() && sql[j + 1] == '\'') {
      j += 2;
      continue;
    }
    return j + 1;
  }
}

}  // namespace

StatementShape shape_of_statement(std::string_view sql) {
  StatementShape shape;
  shape.key.reserve(sql.size());
  size_t copied = 0;  // sql[copied, i) is yet to be appended to the key
  shape.literals.reserve(16);
  auto mask = [&](size_t begin, size_t end, const char* replacement) {
    shape.key.append(sql.data() + copied, begin - copied).append(replacement);
    shape.literals.push_back({begin, end - begin});
    copied = end;
  };
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (is_identifier_char(c)) {
      if (is_digit(c) && (i == 0 || !is_identifier_char(sql[i - 1]))) {
        size_t end = number_end(sql, i);
        mask(i, end, "?");
        i = end;
        continue;
      }
      if (c == '$' && (i == 0 || !is_identifier_char(sql[i - 1])) && !(i + 1 < sql.size() && is_digit(sql[i + 1])))
        return {};  // a dollar quote
      ++i;
      while (i < sql.size() && is_identifier_char(sql[i])) ++i;  // the rest of the word, digits included
      continue;
    }
    char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    switch (c) {
      case '\'': {
        if (i > 0 && is_identifier_char(sql[i - 1])) return {};  // E'', B'', X'', N'' prefixes
        size_t end = string_end(sql, i);
        if (end == std::string_view::npos) return {};
        mask(i, end, "'?'");
        i = end;
        continue;
      }
      case '"': {  // a quoted identifier stays as it is
        size_t end = sql.find('"', i + 1);
        if (end == std::string_view::npos) return {};
        i = end + 1;
        continue;
      }
      case '-':
        if (next == '-') return {};  // comment
        break;
      case '/':
        if (next == '*') return {};  // comment
        break;
      case '.':
        if (is_digit(next) && (i == 0 || !is_identifier_char(sql[i - 1]))) {
          size_t end = number_end(sql, i);
          mask(i, end, "?");
          i = end;
          continue;
        }
        break;
      default:
        break;
    }
    ++i;
  }
  shape.key.append(sql.substr(copied));
  shape.cacheable = true;
  return shape;
}

}  // namespace pgadvisor
