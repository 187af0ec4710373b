#include "plans/workload/statement_shape.hpp"

#include <cstring>

namespace pgadvisor {
namespace {

// Character classes, by table: this scan runs on every statement of the log.
constexpr unsigned char kIdentifier = 1, kDigit = 2, kNotable = 4;

struct CharTable {
  unsigned char classes[256] = {};
  constexpr CharTable() {
    for (int c = 0; c < 256; ++c) {
      bool digit = c >= '0' && c <= '9';
      bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
      // Where a literal, a quoted identifier, a comment or a dollar quote may start.
      bool notable = digit || c == '\'' || c == '"' || c == '-' || c == '/' || c == '$' || c == '.';
      classes[c] = static_cast<unsigned char>((digit || letter ? kIdentifier : 0) | (digit ? kDigit : 0) |
                                              (notable ? kNotable : 0));
    }
  }
};
constexpr CharTable kTable;

inline bool has_class(char c, unsigned char wanted) { return kTable.classes[static_cast<unsigned char>(c)] & wanted; }
inline bool is_identifier_char(char c) { return has_class(c, kIdentifier); }
inline bool is_digit(char c) { return has_class(c, kDigit); }

// Runs of text between literals up to this long are copied as one fixed-size block.
constexpr size_t kShortRun = 16;

// The end of the number starting at `p` (digits, one fraction, an exponent).
inline const char* number_end(const char* p, const char* end) {
  while (p < end && (is_digit(*p) || *p == '.')) ++p;
  if (p < end && (*p == 'e' || *p == 'E')) {
    const char* q = p + 1;
    if (q < end && (*q == '+' || *q == '-')) ++q;
    if (q < end && is_digit(*q)) {
      p = q;
      while (p < end && is_digit(*p)) ++p;
    }
  }
  return p;
}

// The end of the string literal whose opening quote is at `p`, or null when unterminated.
inline const char* string_end(const char* p, const char* end) {
  for (++p;; p += 2) {
    while (p < end && *p != '\'') ++p;
    if (p == end) return nullptr;
    if (p + 1 == end || p[1] != '\'') return p + 1;
  }
}

// The scan itself; false when the statement is not cacheable. Only the notable characters are
// looked at: a word (an identifier, a keyword, a parameter $1) is told by the character before
// it, so a digit or '$' after an identifier character is part of a word, never a literal.
bool scan_shape(std::string_view sql, StatementShape& shape) {
  const char* const begin = sql.data();
  const char* const end = begin + sql.size();
  std::string& key = shape.key;
  shape.literals.clear();
  // '' becomes '?': at most one byte more per two, and room for a 16-byte copy at the end.
  key.resize(sql.size() + sql.size() / 2 + 1 + kShortRun);
  char* out = &key[0];
  const char* copied = begin;  // [copied, p) is yet to be written to the key
  auto mask = [&](const char* literal, const char* literal_end, const char* replacement, size_t length) {
    const auto run = static_cast<size_t>(literal - copied);
    if (run <= kShortRun && copied + kShortRun <= end) {
      std::memcpy(out, copied, kShortRun);  // a fixed size: a move or two, no call (", " in a list)
    } else {
      std::memcpy(out, copied, run);
    }
    out += run;
    for (size_t k = 0; k < length; ++k) *out++ = replacement[k];
    shape.literals.push_back({static_cast<size_t>(literal - begin), static_cast<size_t>(literal_end - literal)});
    copied = literal_end;
  };
  const char* p = begin;
  for (;;) {
    while (p < end && !has_class(*p, kNotable)) ++p;
    if (p == end) break;
    const char c = *p;
    const bool in_word = p > begin && is_identifier_char(p[-1]);
    const bool digit_next = p + 1 < end && is_digit(p[1]);
    if (is_digit(c) || (c == '.' && digit_next && !in_word)) {
      if (in_word) {
        ++p;
        continue;
      }
      const char* number = number_end(p, end);
      mask(p, number, "?", 1);
      p = number;
      continue;
    }
    switch (c) {
      case '$':
        if (!in_word && !digit_next) return false;  // a dollar quote
        break;
      case '\'': {
        if (in_word) return false;  // E'', B'', X'', N'' prefixes
        const char* literal_end = string_end(p, end);
        if (literal_end == nullptr) return false;
        mask(p, literal_end, "'?'", 3);
        p = literal_end;
        continue;
      }
      case '"': {  // a quoted identifier stays as it is
        const char* close = p + 1;
        while (close < end && *close != '"') ++close;
        if (close == end) return false;
        p = close + 1;
        continue;
      }
      case '-':
        if (p + 1 < end && p[1] == '-') return false;  // comment
        break;
      case '/':
        if (p + 1 < end && p[1] == '*') return false;  // comment
        break;
      default:
        break;
    }
    ++p;
  }
  const auto run = static_cast<size_t>(end - copied);
  std::memcpy(out, copied, run);
  key.resize(static_cast<size_t>(out + run - key.data()));
  return true;
}

}  // namespace

StatementShape shape_of_statement(std::string_view sql) {
  StatementShape shape;
  shape_of_statement(sql, shape);
  return shape;
}

void shape_of_statement(std::string_view sql, StatementShape& shape) {
  shape.cacheable = scan_shape(sql, shape);
  if (!shape.cacheable) {
    shape.key.clear();
    shape.literals.clear();
  }
}

}  // namespace pgadvisor
