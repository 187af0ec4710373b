// split_statements (declared in pg_query_api.hpp): libpg_query's parser and scanner splitting a
// script into statements, each narrowed to its tokens with one scan of the whole script.
#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <optional>

#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

bool is_comment_token(const PgQuery__ScanToken* token) {
  return token->token == PG_QUERY__TOKEN__SQL_COMMENT ||
         token->token == PG_QUERY__TOKEN__C_COMMENT;
}

// The byte span of every token of `sql` but comments, in order, with what psql's splitting
// looks at: ';', '(' and ')', and the first letter of the unquoted words create, function,
// procedure, or, replace, begin, case and end ('s' for case); or, when the scanner cannot read
// the text, the error.
struct TokenBounds {
  std::vector<size_t> starts;
  std::vector<size_t> ends;
  std::vector<char> symbols;  // ';', '(', ')', a word's letter, 'w' another word, or 0
};

char word_letter(std::string word) {
  for (char& c : word) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const char* known : {"create", "function", "procedure", "or", "replace", "begin", "end"}) {
    if (word == known) return known[0];
  }
  return word == "case" ? 's' : 'w';
}

struct Scanned {
  std::optional<TokenBounds> bounds;
  std::string error;
  int error_position = 0;  // 1-based character position
};

Scanned scan_token_bounds(const std::string& sql) {
  Scanned scanned;
  PgQueryScanResult result = pg_query_scan(sql.c_str());
  PgQuery__ScanResult* scan = nullptr;
  if (result.error) {
    scanned.error = result.error->message;
    scanned.error_position = result.error->cursorpos;
  } else {
    scan = pg_query__scan_result__unpack(nullptr, result.pbuf.len,
                                         reinterpret_cast<const uint8_t*>(result.pbuf.data));
  }
  if (scan != nullptr) {
    TokenBounds& bounds = scanned.bounds.emplace();
    for (size_t i = 0; i < scan->n_tokens; ++i) {
      const PgQuery__ScanToken* token = scan->tokens[i];
      if (is_comment_token(token)) continue;
      bounds.starts.push_back(static_cast<size_t>(token->start));
      bounds.ends.push_back(static_cast<size_t>(token->end));
      const int code = token->token;
      char symbol = code == ';' || code == '(' || code == ')' ? static_cast<char>(code) : 0;
      if (token->token == PG_QUERY__TOKEN__IDENT ||
          token->keyword_kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD) {
        const size_t start = bounds.starts.back();
        symbol = word_letter(sql.substr(start, bounds.ends.back() - start));
      }
      bounds.symbols.push_back(symbol);
    }
    pg_query__scan_result__free_unpacked(scan, nullptr);
  }
  pg_query_free_scan_result(result);
  return scanned;
}

// The statements as psql would send them (psqlscan.l): ended by a ';' outside parentheses (a
// ')' too many is ignored) and outside the BEGIN ... END body of a CREATE [OR REPLACE]
// FUNCTION or PROCEDURE (where a CASE also ends with END); the last one by the end of the text.
class PsqlSplitter {
 public:
  explicit PsqlSplitter(const TokenBounds& bounds) : bounds_(bounds) {}

  std::vector<SqlStatementSpan> split() {
    for (size_t i = 0; i < bounds_.starts.size(); ++i) {
      const char symbol = bounds_.symbols[i];
      if (symbol == ';' && parens_ == 0 && begins_ == 0) {
        end_statement();
        continue;
      }
      if (symbol == '(') ++parens_;
      if (symbol == ')' && parens_ > 0) --parens_;
      if (symbol != 0 && symbol != ';' && symbol != '(' && symbol != ')') read_word(symbol);
      if (!first_) first_ = i;
      last_ = i;
    }
    end_statement();
    return std::move(spans_);
  }

 private:
  void read_word(char letter) {
    const bool routine_word = std::string_view("cfpor").find(letter) != std::string_view::npos;
    if (words_ < words_seen_.size()) words_seen_[words_] = routine_word ? letter : 0;
    ++words_;
    const auto& w = words_seen_;
    const bool or_replace = w[1] == 'o' && w[2] == 'r' && (w[3] == 'f' || w[3] == 'p');
    const bool routine = w[0] == 'c' && (w[1] == 'f' || w[1] == 'p' || or_replace);
    if (!routine || parens_ != 0) return;
    if (letter == 'b') ++begins_;
    if (letter == 's' && begins_ > 0) ++begins_;
    if (letter == 'e' && begins_ > 0) --begins_;
  }

  void end_statement() {
    if (first_) {
      const size_t start = bounds_.starts[*first_];
      spans_.push_back({start, bounds_.ends[last_] - start});
    }
    first_.reset();
    words_ = 0;
    words_seen_.fill(0);
  }

  const TokenBounds& bounds_;
  std::vector<SqlStatementSpan> spans_;
  std::optional<size_t> first_;  // the first token of the statement being read
  size_t last_ = 0;
  size_t parens_ = 0;
  size_t begins_ = 0;
  size_t words_ = 0;
  std::array<char, 4> words_seen_{};  // the letters of the first four words, 0 for others
};

// sql[begin, end) narrowed to its tokens, comments and white space around them left out; nullopt
// when nothing else is there. `begin` and `end` lie between tokens.
std::optional<SqlStatementSpan> narrow_to_tokens(const TokenBounds& bounds, size_t begin,
                                                 size_t end) {
  const auto first = std::lower_bound(bounds.starts.begin(), bounds.starts.end(), begin);
  const auto last = std::upper_bound(bounds.ends.begin(), bounds.ends.end(), end);
  if (first == bounds.starts.end() || last == bounds.ends.begin()) return std::nullopt;
  const size_t first_index = static_cast<size_t>(first - bounds.starts.begin());
  const size_t last_index = static_cast<size_t>(last - bounds.ends.begin()) - 1;
  if (last_index < first_index || *first >= end) return std::nullopt;
  return SqlStatementSpan{*first, bounds.ends[last_index] - *first};
}

// Text the scanner cannot read: only stripped of white space.
std::optional<SqlStatementSpan> strip_white_space(const std::string& sql) {
  const char* const space = " \t\r\n\f\v";
  const size_t first = sql.find_first_not_of(space);
  if (first == std::string::npos) return std::nullopt;
  return SqlStatementSpan{first, sql.find_last_not_of(space) + 1 - first};
}

// The byte offset of the 1-based character position `cursor` (PostgreSQL counts characters).
size_t byte_offset(const std::string& sql, int cursor) {
  if (cursor <= 0) return std::string::npos;
  int characters = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    if ((static_cast<unsigned char>(sql[i]) & 0xC0) != 0x80 && ++characters == cursor) return i;
  }
  return std::string::npos;
}

}  // namespace

std::vector<SqlStatementSpan> split_statements(const std::string& sql, SqlSplitError* error) {
  PgQuerySplitResult result = pg_query_split_with_parser(sql.c_str());
  const Scanned scanned = scan_token_bounds(sql);
  std::vector<SqlStatementSpan> spans;
  if (!result.error) {
    for (int i = 0; i < result.n_stmts; ++i) {
      const size_t location = static_cast<size_t>(result.stmts[i]->stmt_location);
      const size_t begin = std::min(sql.size(), location);
      const size_t length = static_cast<size_t>(result.stmts[i]->stmt_len);
      const size_t end = length == 0 ? sql.size() : std::min(sql.size(), begin + length);
      std::optional<SqlStatementSpan> span;
      if (scanned.bounds) {
        span = narrow_to_tokens(*scanned.bounds, begin, end);
      } else if ((span = strip_white_space(sql.substr(begin, end - begin)))) {
        span->offset += begin;
      }
      if (span) spans.push_back(*span);
    }
    pg_query_free_split_result(result);
    return spans;
  }
  if (error != nullptr) {
    error->message = result.error->message;
    error->offset = byte_offset(sql, result.error->cursorpos);
  }
  pg_query_free_split_result(result);
  if (scanned.bounds) return PsqlSplitter(*scanned.bounds).split();
  if (error != nullptr) {
    error->scanned = false;
    error->scan_offset = byte_offset(sql, scanned.error_position);
    error->unterminated = scanned.error.rfind("unterminated ", 0) == 0;
  }
  if (auto whole = strip_white_space(sql)) spans.push_back(*whole);
  return spans;
}

}  // namespace pgadvisor
