// StatementShape: a cheap key for the fingerprint cache. One pass over the SQL text replaces the
// contents of string and number literals by `?` and records where each literal stood, so that
// statements that differ only in their constants share a key and libpg_query parses each shape
// once. Only literal contents are masked, so equal keys always mean equal fingerprints. Text
// the pass cannot read with certainty — comments, dollar quotes, E'' strings, unterminated
// quotes — makes the statement uncacheable, and it is parsed in full instead.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pgadvisor {

struct LiteralSpan {
  size_t offset = 0;  // byte offset of the literal in the statement (the quote, or the first digit)
  size_t length = 0;
};

struct StatementShape {
  bool cacheable = false;
  std::string key;                   // the statement with literal contents masked
  std::vector<LiteralSpan> literals; // in order of appearance
};

StatementShape shape_of_statement(std::string_view sql);
// The same into `shape`, whose memory is reused (the ingest path shapes every statement).
void shape_of_statement(std::string_view sql, StatementShape& shape);

}  // namespace pgadvisor
