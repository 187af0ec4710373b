#include "plans/sql/sql_redaction.hpp"

#include <vector>

#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

// The value of a string constant as written: 'it''s' -> it's, E'a' -> a, $tag$x$tag$ -> x.
std::string string_value(const std::string& raw) {
  size_t open = raw.find_first_of("'$");
  if (open == std::string::npos) return raw;
  if (raw[open] == '$') {
    size_t tag_end = raw.find('$', open + 1);
    if (tag_end == std::string::npos) return raw;
    size_t tag_length = tag_end - open + 1;
    if (raw.size() < open + 2 * tag_length) return raw;
    return raw.substr(tag_end + 1, raw.size() - tag_end - 1 - tag_length);
  }
  std::string value;
  for (size_t i = open + 1; i + 1 < raw.size(); ++i) {
    value += raw[i];
    if (raw[i] == '\'' && raw[i + 1] == '\'') ++i;
  }
  return value;
}

}  // namespace

std::string redact_sql_constants(const std::string& text, const SqlRedaction& how) {
  bool scanned = false;
  std::vector<SqlToken> tokens = scan_sql(text, &scanned);
  if (how.unread) *how.unread = !scanned;
  if (!scanned) return how.unread ? text : "<redacted>";
  std::string out;
  size_t copied = 0;
  for (const auto& token : tokens) {
    if (token.constant == SqlToken::Constant::None || token.end > text.size()) continue;
    if (token.constant == SqlToken::Constant::Number && !how.numbers) continue;
    out.append(text, copied, token.start - copied);
    if (token.constant == SqlToken::Constant::String) {
      if (how.taken) how.taken->insert(string_value(text.substr(token.start, token.end - token.start)));
      out += "'?'";
    } else {
      out += "?";
    }
    copied = token.end;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

}  // namespace pgadvisor
