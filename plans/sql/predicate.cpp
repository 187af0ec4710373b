#include "plans/sql/predicate.hpp"

#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {

bool Predicate::is_equality() const {
  return op == PredicateOp::Equal || op == PredicateOp::In || op == PredicateOp::IsNull;
}

bool Predicate::is_range() const {
  return op == PredicateOp::Less || op == PredicateOp::LessEqual || op == PredicateOp::Greater ||
         op == PredicateOp::GreaterEqual || op == PredicateOp::Between || op == PredicateOp::Like;
}

std::string Predicate::to_sql() const {
  std::string name = column.expression ? "(" + column.column + ")" : quote_identifier(column.column);
  if (boolean_column) return values.at(0) == "true" ? name : "NOT " + name;
  auto joined = [&](const char* separator) {
    std::string text;
    for (size_t i = 0; i < values.size(); ++i) text += (i ? separator : "") + values[i];
    return text;
  };
  switch (op) {
    case PredicateOp::Equal: return name + " = " + joined("");
    case PredicateOp::NotEqual: return name + " <> " + joined("");
    case PredicateOp::Less: return name + " < " + joined("");
    case PredicateOp::LessEqual: return name + " <= " + joined("");
    case PredicateOp::Greater: return name + " > " + joined("");
    case PredicateOp::GreaterEqual: return name + " >= " + joined("");
    case PredicateOp::Between: return name + " BETWEEN " + joined(" AND ");
    case PredicateOp::In: return name + " IN (" + joined(", ") + ")";
    case PredicateOp::Like: return name + " LIKE " + joined("");
    case PredicateOp::IsNull: return name + " IS NULL";
    case PredicateOp::IsNotNull: return name + " IS NOT NULL";
  }
  return name;
}

}  // namespace pgadvisor
