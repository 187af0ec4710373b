#include "plans/pg/materialized_result.hpp"

#include <cctype>

namespace pgadvisor {
namespace {

// The statement inside a query of ours: a trailing `;` would end it early and a trailing `--`
// comment would swallow what follows, so the `;` goes and `after` starts on a new line.
Statement wrapped(const Statement& inner, const std::string& before, const std::string& after) {
  Statement out = inner;
  std::string body = inner.sql;
  while (!body.empty() && (std::isspace(static_cast<unsigned char>(body.back())) || body.back() == ';')) body.pop_back();
  out.sql = before + body + "\n" + after;
  return out;
}

}  // namespace

ResultDigest digest_result(Transaction& tx, const Statement& statement) {
  Statement digest = wrapped(statement,
                             "SELECT count(*), coalesce(md5(string_agg(h, ',' ORDER BY h)), '') "
                             "FROM (SELECT md5(r::text) AS h FROM (",
                             ") AS r) AS d");
  Rows rows = tx.query_in_savepoint(digest.sql, digest.params);
  return {std::stoll(rows.at(0).at(0).value_or("0")), rows.at(0).at(1).value_or("")};
}

MaterializedList materialize_list(Transaction& tx, const Statement& one_column) {
  Statement list = wrapped(one_column,
                           "SELECT pg_typeof(array_agg(v))::text, coalesce(array_agg(v)::text, '{}'), count(*), "
                           "count(*) - count(v) FROM (",
                           ") AS m(v)");
  Rows rows = tx.query_in_savepoint(list.sql, list.params);
  MaterializedList out;
  std::string array_type = rows.at(0).at(0).value_or("");
  out.element_type = array_type.size() > 2 && array_type.compare(array_type.size() - 2, 2, "[]") == 0
                         ? array_type.substr(0, array_type.size() - 2)
                         : array_type;
  out.array_text = rows.at(0).at(1).value_or("{}");
  out.count = std::stoll(rows.at(0).at(2).value_or("0"));
  out.has_null = std::stoll(rows.at(0).at(3).value_or("0")) > 0;
  return out;
}

std::vector<std::optional<std::string>> list_values(Transaction& tx, const Statement& one_column) {
  Statement list = wrapped(one_column, "SELECT v::text FROM (", ") AS m(v) ORDER BY v");
  std::vector<std::optional<std::string>> values;
  for (const auto& row : tx.query_in_savepoint(list.sql, list.params)) values.push_back(row.at(0));
  return values;
}

}  // namespace pgadvisor
