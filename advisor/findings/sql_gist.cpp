#include "advisor/findings/sql_gist.hpp"

#include <cctype>
#include <limits>

#include "plans/text_format.hpp"

namespace pgadvisor {
namespace {

bool matches_at(const std::string& text, size_t at, const char* word) {
  for (size_t i = 0; word[i]; ++i)
    if (at + i >= text.size() || std::toupper(static_cast<unsigned char>(text[at + i])) != word[i]) return false;
  return true;
}

// Drops "table". qualifiers and the quotes of the other identifiers; string literals are kept.
std::string without_quoted_qualifiers(const std::string& flat) {
  std::string out;
  for (size_t i = 0; i < flat.size();) {
    char quote = flat[i];
    if (quote != '"' && quote != '\'') {
      out += flat[i++];
      continue;
    }
    size_t close = flat.find(quote, i + 1);
    if (close == std::string::npos) close = flat.size();
    if (quote == '\'') out += flat.substr(i, close + 1 - i);
    else if (close + 1 >= flat.size() || flat[close + 1] != '.') out += flat.substr(i + 1, close - i - 1);
    i = close + 1 + (quote == '"' && close + 1 < flat.size() && flat[close + 1] == '.' ? 1 : 0);
  }
  return out;
}

}  // namespace

std::string compact_sql(const std::string& sql) {
  std::string out = without_quoted_qualifiers(one_line(sql, std::numeric_limits<size_t>::max()));
  if (!matches_at(out, 0, "SELECT ")) return out;
  int depth = 0;
  for (size_t i = 7; i < out.size(); ++i) {
    if (out[i] == '(') ++depth;
    if (out[i] == ')') --depth;
    if (depth == 0 && matches_at(out, i, " FROM ")) {
      if (i - 7 > 24) out = "SELECT \u2026" + out.substr(i);
      break;
    }
  }
  return out;
}

}  // namespace pgadvisor
