#include "plans/sql/pg_query_api.hpp"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <optional>

#include "plans/json_text.hpp"
#include "plans/sql/integer_constants.hpp"

namespace pgadvisor {

const nlohmann::json& ParsedSql::statements() const {
  static const nlohmann::json empty = nlohmann::json::array();
  if (!ok() || !tree.contains("stmts")) return empty;
  return tree["stmts"];
}

ParsedSql parse_sql(const std::string& sql) {
  ParsedSql parsed;
  parsed.sql = sql;
  parsed.not_utf8 = visible_utf8(sql) != sql;
  PgQueryParseResult result = pg_query_parse(sql.c_str());
  if (result.error) {
    parsed.error = result.error->message;
    parsed.error_position = result.error->cursorpos;
  } else {
    // libpg_query copies string constants byte for byte: in a statement that is not valid
    // UTF-8 (sent in Latin-1) they are read as visible \xNN escapes; locations stay byte offsets
    // into `sql`.
    try {
      parsed.tree = parse_json_visible(result.parse_tree);
      repair_negative_integers(parsed.tree, sql);
    } catch (const nlohmann::json::parse_error& error) {
      parsed.tree = nullptr;
      parsed.error = std::string("libpg_query's parse tree cannot be read: ") + error.what();
    }
  }
  pg_query_free_parse_result(result);
  return parsed;
}

std::string fingerprint_sql(const std::string& sql) {
  PgQueryFingerprintResult result = pg_query_fingerprint(sql.c_str());
  std::string fingerprint = result.error ? "" : result.fingerprint_str;
  pg_query_free_fingerprint_result(result);
  return fingerprint;
}

std::string normalize_sql(const std::string& sql) {
  PgQueryNormalizeResult result = pg_query_normalize(sql.c_str());
  std::string normalized = result.error ? sql : result.normalized_query;
  pg_query_free_normalize_result(result);
  return normalized;
}

namespace {

bool is_plain_lower_identifier(const std::string& name) {
  if (name.empty()) return false;
  if (!(name[0] == '_' || (name[0] >= 'a' && name[0] <= 'z'))) return false;
  for (char c : name) {
    bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// True when the scanner reads `name` as one keyword token that is not unreserved.
bool is_quoting_keyword(const std::string& name) {
  PgQueryScanResult result = pg_query_scan(name.c_str());
  bool keyword = false;
  if (!result.error) {
    PgQuery__ScanResult* scan = pg_query__scan_result__unpack(
        nullptr, result.pbuf.len, reinterpret_cast<const uint8_t*>(result.pbuf.data));
    if (scan && scan->n_tokens == 1) {
      auto kind = scan->tokens[0]->keyword_kind;
      keyword = kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD &&
                kind != PG_QUERY__KEYWORD_KIND__UNRESERVED_KEYWORD;
    }
    if (scan) pg_query__scan_result__free_unpacked(scan, nullptr);
  }
  pg_query_free_scan_result(result);
  return keyword;
}

}  // namespace

size_t prepared_query_offset(const std::string& prepare_sql) {
  PgQueryScanResult result = pg_query_scan(prepare_sql.c_str());
  size_t offset = std::string::npos;
  PgQuery__ScanResult* scan = nullptr;
  if (!result.error) {
    scan = pg_query__scan_result__unpack(nullptr, result.pbuf.len,
                                         reinterpret_cast<const uint8_t*>(result.pbuf.data));
  }
  if (scan != nullptr) {
    for (size_t i = 0; i + 1 < scan->n_tokens; ++i) {
      if (scan->tokens[i]->token != PG_QUERY__TOKEN__AS) continue;
      size_t next = i + 1;
      while (next < scan->n_tokens && (scan->tokens[next]->token == PG_QUERY__TOKEN__SQL_COMMENT ||
                                       scan->tokens[next]->token == PG_QUERY__TOKEN__C_COMMENT))
        ++next;
      if (next < scan->n_tokens) offset = static_cast<size_t>(scan->tokens[next]->start);
      break;
    }
    pg_query__scan_result__free_unpacked(scan, nullptr);
  }
  pg_query_free_scan_result(result);
  return offset;
}

std::vector<SqlToken> scan_sql(const std::string& sql, bool* ok) {
  std::vector<SqlToken> tokens;
  PgQueryScanResult result = pg_query_scan(sql.c_str());
  PgQuery__ScanResult* scan = nullptr;
  if (!result.error)
    scan = pg_query__scan_result__unpack(nullptr, result.pbuf.len, reinterpret_cast<const uint8_t*>(result.pbuf.data));
  if (ok) *ok = scan != nullptr;
  if (scan != nullptr) {
    for (size_t i = 0; i < scan->n_tokens; ++i) {
      const PgQuery__ScanToken* token = scan->tokens[i];
      if (token->token == PG_QUERY__TOKEN__SQL_COMMENT || token->token == PG_QUERY__TOKEN__C_COMMENT) continue;
      SqlToken out{static_cast<size_t>(token->start), static_cast<size_t>(token->end), false, 0};
      out.name = token->token == PG_QUERY__TOKEN__IDENT || token->keyword_kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD;
      if (token->token > 0 && token->token < 128) out.symbol = static_cast<char>(token->token);
      if (token->token == PG_QUERY__TOKEN__ICONST || token->token == PG_QUERY__TOKEN__FCONST)
        out.constant = SqlToken::Constant::Number;
      else if (token->token == PG_QUERY__TOKEN__SCONST || token->token == PG_QUERY__TOKEN__USCONST ||
               token->token == PG_QUERY__TOKEN__BCONST || token->token == PG_QUERY__TOKEN__XCONST)
        out.constant = SqlToken::Constant::String;
      tokens.push_back(out);
    }
    pg_query__scan_result__free_unpacked(scan, nullptr);
  }
  pg_query_free_scan_result(result);
  return tokens;
}

namespace {

// The parse tree without its source locations, to compare two texts of one expression.
nlohmann::json without_locations(const nlohmann::json& node) {
  if (node.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : node) out.push_back(without_locations(item));
    return out;
  }
  if (!node.is_object()) return node;
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : node.items())
    if (key != "location" && key != "stmt_len" && key != "stmt_location") out[key] = without_locations(value);
  return out;
}

}  // namespace

std::string deparse_expression(const std::string& expression) {
  static const std::string prefix = "SELECT ";
  ParsedSql check = parse_sql(prefix + expression);
  if (check.statements().size() != 1) return "";
  const nlohmann::json& select = check.statements()[0]["stmt"].value("SelectStmt", nlohmann::json::object());
  if (!select.contains("targetList") || select["targetList"].size() != 1) return "";
  for (const auto& [key, value] : select.items())
    if (key != "targetList" && key != "limitOption" && key != "op") return "";  // FROM, WHERE, ...
  PgQueryProtobufParseResult parsed = pg_query_parse_protobuf((prefix + expression).c_str());
  std::string text;
  if (!parsed.error) {
    PgQueryDeparseResult deparsed = pg_query_deparse_protobuf(parsed.parse_tree);
    if (!deparsed.error && deparsed.query != nullptr) text = deparsed.query;
    pg_query_free_deparse_result(deparsed);
  }
  pg_query_free_protobuf_parse_result(parsed);
  // The deparser drops parentheses it should keep in a few forms ((x AT TIME ZONE 'UTC')::date):
  // its text is used only when it reads back as the same tree.
  ParsedSql reread = parse_sql(text);
  bool faithful = text.rfind(prefix, 0) == 0 && reread.ok() &&
                  without_locations(reread.tree) == without_locations(check.tree);
  if (faithful) return text.substr(prefix.size());
  size_t first = expression.find_first_not_of(" \t\r\n");
  size_t last = expression.find_last_not_of(" \t\r\n");
  return first == std::string::npos ? "" : expression.substr(first, last + 1 - first);
}

std::string quote_identifier(const std::string& name) {
  if (is_plain_lower_identifier(name) && !is_quoting_keyword(name)) return name;
  std::string quoted = "\"";
  for (char c : name) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

}  // namespace pgadvisor
