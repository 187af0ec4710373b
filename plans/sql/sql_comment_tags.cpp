#include "plans/sql/sql_comment_tags.hpp"

#include "plans/sql/token_span.hpp"

namespace pgadvisor {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && (is_space(text.back()) || text.back() == ';')) text.remove_suffix(1);
  return text;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX decoded (sqlcommenter's %%XX too); a % not followed by two hex digits is kept as it is.
std::string url_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    size_t at = i;
    if (text[at] == '%' && at + 1 < text.size() && text[at + 1] == '%') ++at;
    if (text[at] == '%' && at + 2 < text.size() && hex_value(text[at + 1]) >= 0 && hex_value(text[at + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[at + 1]) * 16 + hex_value(text[at + 2]));
      i = at + 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.' || c == '%';
}

bool valid_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key)
    if (!is_key_char(c)) return false;
  return true;
}

// key='value',key='value' (sqlcommenter); a \' inside a value is a quote.
SqlTags parse_quoted_pairs(std::string_view body) {
  SqlTags tags;
  size_t pos = 0;
  while (pos < body.size()) {
    const size_t equals = body.find('=', pos);
    if (equals == std::string_view::npos || equals + 1 >= body.size() || body[equals + 1] != '\'') return {};
    std::string_view key = trim(body.substr(pos, equals - pos));
    if (!valid_key(key)) return {};
    std::string value;
    size_t at = equals + 2;
    for (; at < body.size() && body[at] != '\''; ++at) {
      if (body[at] == '\\' && at + 1 < body.size()) ++at;
      value += body[at];
    }
    if (at >= body.size()) return {};  // no closing quote
    tags[url_decode(key)] = url_decode(value);
    pos = at + 1;
    while (pos < body.size() && is_space(body[pos])) ++pos;
    if (pos == body.size()) break;
    if (body[pos] != ',') return {};
    ++pos;
    if (trim(body.substr(pos)).empty()) return {};  // a trailing comma
  }
  return tags;
}

// key:value,key:value (marginalia, Rails' legacy query log tags).
SqlTags parse_colon_pairs(std::string_view body) {
  SqlTags tags;
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t comma = body.find(',', pos);
    if (comma == std::string_view::npos) comma = body.size();
    const std::string_view pair = body.substr(pos, comma - pos);
    const size_t colon = pair.find(':');
    if (colon == std::string_view::npos) return {};
    std::string_view key = trim(pair.substr(0, colon));
    std::string_view value = trim(pair.substr(colon + 1));
    if (!valid_key(key) || value.empty()) return {};
    tags[url_decode(key)] = url_decode(value);
    pos = comma + 1;
  }
  return tags;
}

// The tags of `region` when it is exactly one /* ... */ comment (spaces and ';' around it).
SqlTags tags_of_region(std::string_view region) {
  region = trim(region);
  while (!region.empty() && (region.front() == ';' || is_space(region.front()))) region.remove_prefix(1);
  if (region.size() < 4 || region.substr(0, 2) != "/*" || region.substr(region.size() - 2) != "*/") return {};
  std::string_view body = region.substr(2, region.size() - 4);
  if (body.find("/*") != std::string_view::npos || body.find("*/") != std::string_view::npos) return {};
  return parse_comment_tags(body);
}

}  // namespace

SqlTags parse_comment_tags(std::string_view body) {
  body = trim(body);
  if (body.empty()) return {};
  return body.find("='") != std::string_view::npos ? parse_quoted_pairs(body) : parse_colon_pairs(body);
}

SqlTags take_comment_tags(std::string& sql) {
  const std::string_view text = trim(sql);
  const bool opens = text.substr(0, 2) == "/*";
  const bool closes = text.size() >= 2 && text.substr(text.size() - 2) == "*/";
  if (!opens && !closes) return {};  // the common case: no scan
  const std::optional<TokenSpan> span = token_span(sql);
  if (!span) return {};
  if (closes) {
    const size_t end = span->end;
    SqlTags tags = tags_of_region(std::string_view(sql).substr(end));
    if (!tags.empty()) {
      sql.erase(end);
      return tags;
    }
  }
  if (opens) {
    const size_t start = span->start;
    SqlTags tags = tags_of_region(std::string_view(sql).substr(0, start));
    if (!tags.empty()) {
      sql.erase(0, start);
      return tags;
    }
  }
  return {};
}

}  // namespace pgadvisor
