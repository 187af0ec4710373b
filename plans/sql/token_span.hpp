// TokenSpan: where a statement's SQL tokens begin and end, the comments, spaces and trailing
// semicolons around them left out: what is before `start` or after `end` is only comments and
// spaces (and ';'). Found by a quick pass over the text when it holds nothing the pass is unsure
// of (a backslash, a dollar quote, a control character, an unterminated quote or comment), by
// libpg_query's scanner otherwise; both give the same span (tests/plans/sql/token_span_test.cpp
// and the sql_comment_tags fuzz target compare them). Used to find a statement's leading and
// trailing comment (plans/sql/sql_comment_tags) without scanning every tagged statement.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pgadvisor {

struct TokenSpan {
  size_t start = 0;  // byte offset of the first token
  size_t end = 0;    // byte offset just after the last token that is not ';'
};

// nullopt when the text has no token but ';', or the scanner cannot read it.
std::optional<TokenSpan> token_span(const std::string& sql);

// The quick pass alone: false when it is unsure (then `span` is left alone).
bool quick_token_span(std::string_view sql, std::optional<TokenSpan>& span);
// The scanner alone.
std::optional<TokenSpan> scanned_token_span(const std::string& sql);

}  // namespace pgadvisor
