#include "advisor/candidates/indexable_columns.hpp"

#include <algorithm>

namespace pgadvisor {

IndexableColumns indexable_columns(const QueryTemplate& tmpl, IndexableScope which) {
  IndexableColumns columns;
  auto add = [&](const ColumnName& column) {
    if (column.table.empty() || column.expression || column.column.empty()) return;
    auto& list = columns[column.table];
    if (std::find(list.begin(), list.end(), column.column) == list.end()) list.push_back(column.column);
  };
  for (const auto& scope : tmpl.facts.scopes) {
    for (const auto& predicate : scope.predicates) add(predicate.column);
    for (const auto& column : scope.join_columns) add(column);
    for (const auto& column : scope.group_by) add(column);
    for (const auto& key : scope.order_by) add(key.column);
    for (const auto& link : scope.subqueries) add(link.column);
    if (which == IndexableScope::Referenced)
      for (const auto& column : scope.referenced) add(column);
  }
  return columns;
}

}  // namespace pgadvisor
