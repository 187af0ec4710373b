#include "advisor/candidates/index_candidate.hpp"

#include <cctype>

#include <fmt/format.h>

#include <algorithm>

#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

std::string column_sql(const IndexColumn& column) {
  return column.expression ? "(" + column.name + ")" : quote_identifier(column.name);
}

std::string column_list(const IndexDefinition& definition) {
  std::string text;
  for (const auto& column : definition.columns) {
    text += (text.empty() ? "" : ", ") + column_sql(column) + (column.descending ? " DESC" : "");
    if (column.nulls_flipped) text += column.descending ? " NULLS LAST" : " NULLS FIRST";
  }
  return text;
}

std::string table_sql(const IndexDefinition& definition) {
  std::string table = quote_identifier(definition.table);
  return definition.schema.empty() ? table : quote_identifier(definition.schema) + "." + table;
}

std::string body(const IndexDefinition& definition) {
  std::string text = fmt::format("{} ({})", table_sql(definition), column_list(definition));
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

// `text` with every run of characters other than letters, digits and '_' made one '_', and no
// '_' at its end: lower(email) gives lower_email.
std::string name_part(const std::string& text) {
  std::string part;
  for (char c : text) {
    bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    if (keep) part += c;
    else if (!part.empty() && part.back() != '_') part += '_';
  }
  while (!part.empty() && part.back() == '_') part.pop_back();
  return part;
}

}  // namespace

std::string IndexCandidate::key() const { return body(definition); }

std::string IndexCandidate::name() const {
  std::string name = name_part(definition.table);
  for (const auto& column : definition.columns)
    name += "_" + name_part(column.name) + (column.descending ? "_desc" : "") + (column.nulls_flipped ? "_nulls" : "");
  if (is_covering()) {
    std::string include;
    for (const auto& column : definition.include) include += column + '\x1f';
    name += fmt::format("_i{:04x}", stable_hash(include) & 0xffff);
  }
  if (is_partial()) name += fmt::format("_p{:04x}", stable_hash(definition.where) & 0xffff);
  name += "_idx";
  bool letter_first = std::isalpha(static_cast<unsigned char>(name[0])) != 0;
  if (name.size() <= kIndexNameMax && letter_first) return name;
  std::string hash = fmt::format("{:08x}", stable_hash(key()) & 0xffffffffull);
  std::string stem = (letter_first ? name : "i" + name).substr(0, kIndexNameMax - hash.size() - 5);  // _hash_idx
  while (!stem.empty() && stem.back() == '_') stem.pop_back();
  return stem + "_" + hash + "_idx";
}

std::string IndexCandidate::ddl() const {
  const char* create = partitioned ? "CREATE INDEX IF NOT EXISTS" : "CREATE INDEX CONCURRENTLY IF NOT EXISTS";
  return fmt::format("{} {} ON {};", create, quote_identifier(name()), body(definition));
}

std::string IndexCandidate::hypothetical_ddl() const { return "CREATE INDEX ON " + body(definition); }

}  // namespace pgadvisor
