#include "advisor/index_candidate.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

std::string column_list(const IndexDefinition& definition) {
  std::string text;
  for (const auto& column : definition.columns) {
    text += (text.empty() ? "" : ", ") + quote_identifier(column.name) + (column.descending ? " DESC" : "");
    if (column.nulls_flipped) text += column.descending ? " NULLS LAST" : " NULLS FIRST";
  }
  return text;
}

std::string body(const IndexDefinition& definition) {
  std::string text = fmt::format("{} ({})", quote_identifier(definition.table), column_list(definition));
  if (!definition.include.empty()) {
    std::string include;
    for (const auto& column : definition.include) include += (include.empty() ? "" : ", ") + quote_identifier(column);
    text += fmt::format(" INCLUDE ({})", include);
  }
  if (!definition.where.empty()) text += " WHERE " + definition.where;
  return text;
}

// FNV-1a: a stable hash, the same on every platform and run, for deterministic names.
unsigned long long stable_hash(const std::string& text) {
  unsigned long long hash = 14695981039346656037ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

}  // namespace

std::string IndexCandidate::key() const { return body(definition); }

std::string IndexCandidate::name() const {
  std::string name = definition.table;
  for (const auto& column : definition.columns)
    name += "_" + column.name + (column.descending ? "_desc" : "") + (column.nulls_flipped ? "_nulls" : "");
  if (is_partial()) name += fmt::format("_p{:04x}", stable_hash(definition.where) & 0xffff);
  name += "_idx";
  std::replace_if(name.begin(), name.end(), [](char c) { return !(std::isalnum(static_cast<unsigned char>(c)) || c == '_'); }, '_');
  if (name.size() > 63) name = name.substr(0, 54) + fmt::format("_{:08x}", stable_hash(key()) & 0xffffffff);
  return name;
}

std::string IndexCandidate::ddl() const {
  return fmt::format("CREATE INDEX CONCURRENTLY IF NOT EXISTS {} ON {};", quote_identifier(name()), body(definition));
}

std::string IndexCandidate::hypothetical_ddl() const { return "CREATE INDEX ON " + body(definition); }

}  // namespace pgadvisor
