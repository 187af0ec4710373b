#include "plans/pg/column_stats.hpp"

#include <algorithm>
#include <optional>

namespace pgadvisor {
namespace {

const char* kStatsQuery = R"SQL(
WITH wanted AS (
  SELECT * FROM unnest(string_to_array($1, E'\x1f'), string_to_array($2, E'\x1f')) AS w(tbl, col))
SELECT w.tbl, w.col, s.null_frac, s.n_distinct, c.reltuples, m.value, m.freq, a.atttypid = 'bpchar'::regtype
  FROM wanted w
  JOIN pg_class c ON c.relkind IN ('r', 'p', 'm')
  JOIN pg_namespace n ON n.oid = c.relnamespace
   AND ((w.tbl = c.relname AND pg_table_is_visible(c.oid)) OR w.tbl = n.nspname || '.' || c.relname)
  JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = w.col
   AND s.inherited = (c.relkind = 'p')
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = w.col
  LEFT JOIN LATERAL unnest(s.most_common_vals::text::text[], s.most_common_freqs) AS m(value, freq) ON true
)SQL";

// The text pg_stats shows for a SQL literal: 'it''s' is it's, true is t; nullopt for a parameter.
std::optional<std::string> stats_text(const std::string& literal) {
  if (literal.empty() || literal[0] == '$') return std::nullopt;
  if (literal == "true") return "t";
  if (literal == "false") return "f";
  if (literal.size() < 2 || literal.front() != '\'' || literal.back() != '\'') return literal;
  std::string text;
  for (size_t i = 1; i + 1 < literal.size(); ++i) {
    text += literal[i];
    if (literal[i] == '\'' && literal[i + 1] == '\'') ++i;
  }
  return text;
}

// char(n) compares without its trailing blanks: pg_stats shows 'AIR       ' for 'AIR'.
std::string without_trailing_blanks(std::string text) {
  text.erase(text.find_last_not_of(' ') + 1);
  return text;
}

double equality_fraction(const std::string& literal, const ColumnStats& stats) {
  auto text = stats_text(literal);
  if (!text) return -1;
  if (*text == "NULL") return 0;
  if (stats.blank_padded) text = without_trailing_blanks(*text);
  double common = 0;
  for (const auto& [value, frequency] : stats.common_values) {
    if ((stats.blank_padded ? without_trailing_blanks(value) : value) == *text) return frequency;
    common += frequency;
  }
  double distinct = stats.distinct >= 0 ? stats.distinct : -stats.distinct * stats.table_rows;
  double others = distinct - static_cast<double>(stats.common_values.size());
  double rest = std::max(0.0, 1 - stats.null_fraction - common);
  return others >= 1 ? rest / others : rest;
}

}  // namespace

ColumnStatsMap read_column_stats(Transaction& tx, const std::vector<std::pair<std::string, std::string>>& columns) {
  std::string tables, names;
  for (const auto& [table, column] : columns) {
    tables += (tables.empty() ? "" : "\x1f") + table;
    names += (names.empty() ? "" : "\x1f") + column;
  }
  ColumnStatsMap stats;
  if (columns.empty()) return stats;
  for (const auto& row : tx.query_in_savepoint(kStatsQuery, {tables, names})) {
    ColumnStats& entry = stats[{row[0].value_or(""), row[1].value_or("")}];
    entry.null_fraction = std::stod(row[2].value_or("0"));
    entry.distinct = std::stod(row[3].value_or("0"));
    entry.table_rows = std::max(0.0, std::stod(row[4].value_or("0")));
    entry.blank_padded = row[7].value_or("f") == "t";
    if (row[5] && row[6]) entry.common_values.emplace_back(*row[5], std::stod(*row[6]));
  }
  return stats;
}

double predicate_selectivity(const Predicate& predicate, const ColumnStats& stats) {
  if (predicate.column.expression || predicate.computed_value) return -1;
  switch (predicate.op) {
    case PredicateOp::IsNull: return stats.null_fraction;
    case PredicateOp::IsNotNull: return 1 - stats.null_fraction;
    case PredicateOp::Equal: return predicate.values.size() == 1 ? equality_fraction(predicate.values[0], stats) : -1;
    case PredicateOp::NotEqual: {
      double equal = predicate.values.size() == 1 ? equality_fraction(predicate.values[0], stats) : -1;
      return equal < 0 ? -1 : std::max(0.0, 1 - stats.null_fraction - equal);
    }
    case PredicateOp::In: {
      double total = 0;
      for (const auto& value : predicate.values) {
        double fraction = equality_fraction(value, stats);
        if (fraction < 0) return -1;
        total += fraction;
      }
      return std::min(1.0, total);
    }
    default: return -1;
  }
}

}  // namespace pgadvisor
