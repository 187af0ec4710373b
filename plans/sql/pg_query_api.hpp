// The thin C++ face of libpg_query, the real PostgreSQL 15 grammar: parse to a JSON tree,
// fingerprint, normalize, split a script into statements, and quote an identifier as PostgreSQL
// would. Its two files (pg_query_api.cpp, pg_query_split.cpp) are the only ones that
// include pg_query.h. A statement that does not parse yields a ParsedSql with its error set;
// nothing here throws for bad SQL.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pgadvisor {

struct ParsedSql {
  std::string sql;        // the text that was parsed (node locations are byte offsets into it)
  nlohmann::json tree;    // {"version": ..., "stmts": [{"stmt": {...}}, ...]}; null on error
  std::string error;      // the parser's message; empty when the statement parsed
  int error_position = 0; // 1-based character position of the error, 0 when unknown
  bool not_utf8 = false;  // `sql` holds bytes that are not UTF-8: the tree's strings show them as \xNN

  bool ok() const { return error.empty(); }
  const nlohmann::json& statements() const;  // the "stmts" array (empty array on error)
};

ParsedSql parse_sql(const std::string& sql);

// libpg_query's fingerprint: equal for statements that differ only in constants. Empty on error.
std::string fingerprint_sql(const std::string& sql);

// Constants replaced by $n placeholders; the input itself when it does not parse.
std::string normalize_sql(const std::string& sql);

struct SqlStatementSpan {
  size_t offset = 0;  // byte offset of the statement's first token (comments before it skipped)
  size_t length = 0;  // bytes up to the end of its last token, the ';' not included
};

struct SqlSplitError {
  std::string message;  // the parser's message; empty when the script parsed
  size_t offset = std::string::npos;  // byte offset of the error; npos when unknown
  bool scanned = true;  // false when the scanner failed too and the one span is the whole text
  // When the scanner failed: the byte offset of what it could not read (npos when unknown), and
  // whether that is a quote, comment or dollar quote the text ends inside ("unterminated ...").
  size_t scan_offset = std::string::npos;
  bool unterminated = false;
};

// The statements of a script, in order, split by libpg_query's parser; when the script does not
// parse, by its scanner as psql splits a script (at semicolons outside parentheses, whatever is
// between them), with the parser's error in `error` (when given). Spans holding only comments are left out. A script the scanner
// cannot read either (an unterminated quote, "0001_x") comes back as one span from its first
// token to its end. Linear in the length of the script: one parse, one scan, one more scan to
// narrow the spans.
std::vector<SqlStatementSpan> split_statements(const std::string& sql,
                                               SqlSplitError* error = nullptr);

// Byte offset of the query in "PREPARE name [(types)] AS query": the first token after the first
// AS keyword. npos when the scanner finds none.
size_t prepared_query_offset(const std::string& prepare_sql);

// One token of libpg_query's scanner (comments left out): its byte span, and whether it can be
// an identifier (a plain or quoted name, or a keyword) or else the one character it is.
struct SqlToken {
  size_t start = 0;
  size_t end = 0;
  bool name = false;
  char symbol = 0;  // '(', ')', '.', ... for one-character tokens; 0 otherwise
  enum class Constant { None, Number, String } constant = Constant::None;  // 42, 1.5 / 'x', E'x', $$x$$, B'1', X'f'
};

// The tokens of `sql`; empty when the scanner cannot read it (then `ok`, when given, is false).
std::vector<SqlToken> scan_sql(const std::string& sql, bool* ok = nullptr);

// A scalar expression as libpg_query's deparser writes it (`lower(email)`, `upper(email::text)`):
// a canonical text for one written many ways. Empty when it does not parse as an expression.
std::string deparse_expression(const std::string& expression);

// `name` as PostgreSQL's quote_ident writes it: bare when it is a lower-case identifier and not
// a keyword that needs quoting (judged by libpg_query's scanner), double-quoted otherwise.
std::string quote_identifier(const std::string& name);

}  // namespace pgadvisor
