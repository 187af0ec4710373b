#include "plans/sql/token_span.hpp"

#include <vector>

#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

constexpr size_t npos = std::string_view::npos;

// PostgreSQL 15's scanner: space [ \t\n\r\f].
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool quick_token_span(std::string_view sql, std::optional<TokenSpan>& span) {
  const size_t n = sql.size();
  size_t first = npos, last_end = npos;
  size_t i = 0;
  while (i < n) {
    const char c = sql[i];
    const char next = i + 1 < n ? sql[i + 1] : '\0';
    if (is_space(c)) {
      ++i;
    } else if (c == '\\' || (static_cast<unsigned char>(c) < 0x20) || c == 0x7f) {
      return false;  // E'' escapes, a control character: the scanner knows
    } else if (c == '-' && next == '-') {
      while (i < n && sql[i] != '\n' && sql[i] != '\r') ++i;
    } else if (c == '/' && next == '*') {
      int depth = 0;  // PostgreSQL's comments nest
      do {
        if (sql.compare(i, 2, "/*") == 0) {
          ++depth;
          i += 2;
        } else if (sql.compare(i, 2, "*/") == 0) {
          --depth;
          i += 2;
        } else {
          ++i;
        }
      } while (depth > 0 && i < n);
      if (depth > 0) return false;  // unterminated
    } else {
      if (first == npos) first = i;
      const bool starts_word = !(i > 0 && is_identifier_char(sql[i - 1]));
      if (starts_word && is_digit(c)) {
        size_t word_end = i;
        while (word_end < n && is_identifier_char(sql[word_end])) ++word_end;
        for (size_t k = i; k < word_end; ++k)
          if (!is_digit(sql[k])) return false;  // 1e5, 12abc ("trailing junk" to PostgreSQL 15): the scanner knows
      }
      if (c == '\'' || c == '"') {
        if (i > 0 && sql[i - 1] == '&') return false;  // U&'...' UESCAPE: its escapes may be invalid
        const size_t open = i;
        for (++i;; ++i) {
          if (i >= n) return false;  // unterminated
          if (c == '\'' && sql[i] == '\\') return false;  // in an E'' string, an escape
          if (sql[i] == c) {
            if (i + 1 < n && sql[i + 1] == c) {
              ++i;  // a doubled quote
              continue;
            }
            break;
          }
        }
        if (c == '"' && i == open + 1) return false;  // "": a zero-length identifier, an error
        last_end = ++i;
      } else if (c == '$') {
        // Only a parameter, $ and digits: a dollar quote, a $ inside a name or $1x, the scanner knows.
        size_t digits_end = i + 1;
        while (digits_end < n && is_digit(sql[digits_end])) ++digits_end;
        if (digits_end == i + 1 || digits_end - i > 10 || (i > 0 && is_identifier_char(sql[i - 1])) ||
            (digits_end < n && (is_identifier_char(sql[digits_end]) || sql[digits_end] == '$')))
          return false;
        last_end = i = digits_end;
      } else {
        if (c != ';') last_end = i + 1;
        ++i;
      }
    }
  }
  if (last_end == npos)
    span.reset();
  else
    span = TokenSpan{first, last_end};
  return true;
}

std::optional<TokenSpan> scanned_token_span(const std::string& sql) {
  std::vector<SqlToken> tokens = scan_sql(sql);
  while (!tokens.empty() && tokens.back().symbol == ';') tokens.pop_back();
  if (tokens.empty()) return std::nullopt;
  return TokenSpan{tokens.front().start, tokens.back().end};
}

std::optional<TokenSpan> token_span(const std::string& sql) {
  std::optional<TokenSpan> span;
  if (quick_token_span(sql, span)) return span;
  return scanned_token_span(sql);
}

}  // namespace pgadvisor
