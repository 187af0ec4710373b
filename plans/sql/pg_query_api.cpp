#include "plans/sql/pg_query_api.hpp"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

namespace pgadvisor {

const nlohmann::json& ParsedSql::statements() const {
  static const nlohmann::json empty = nlohmann::json::array();
  if (!ok() || !tree.contains("stmts")) return empty;
  return tree["stmts"];
}

ParsedSql parse_sql(const std::string& sql) {
  ParsedSql parsed;
  PgQueryParseResult result = pg_query_parse(sql.c_str());
  if (result.error) {
    parsed.error = result.error->message;
    parsed.error_position = result.error->cursorpos;
  } else {
    parsed.tree = nlohmann::json::parse(result.parse_tree);
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
