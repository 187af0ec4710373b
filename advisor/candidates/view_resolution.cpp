#include "advisor/candidates/view_resolution.hpp"

#include <algorithm>

namespace pgadvisor {
namespace {

const RelationInfo* relation_named(const std::vector<RelationInfo>& relations, const std::string& name) {
  auto found = std::find_if(relations.begin(), relations.end(), [&](const RelationInfo& r) { return r.name == name; });
  return found == relations.end() ? nullptr : &*found;
}

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Whether every column the candidate names is a column of the base table that the view uses.
bool maps_by_name(const IndexCandidate& candidate, const RelationInfo& view) {
  for (const auto& column : candidate.definition.columns)
    if (column.expression || !has(view.base_columns, column.name)) return false;
  for (const auto& column : candidate.definition.include)
    if (!has(view.base_columns, column)) return false;
  for (const auto& predicate : candidate.where_predicates)
    if (predicate.column.expression || !has(view.base_columns, predicate.column.column)) return false;
  return candidate.where_predicates.empty() == candidate.definition.where.empty();
}

}  // namespace

void set_qualified_table(IndexDefinition& definition, const std::string& qualified) {
  size_t dot = qualified.find('.');
  definition.schema = dot == std::string::npos ? "" : qualified.substr(0, dot);
  definition.table = dot == std::string::npos ? qualified : qualified.substr(dot + 1);
}

std::vector<IndexCandidate> resolve_views(std::vector<IndexCandidate> candidates,
                                          const std::vector<RelationInfo>& relations, Diagnostics& diagnostics) {
  std::vector<IndexCandidate> out;
  std::vector<std::string> reported;
  for (auto& candidate : candidates) {
    const RelationInfo* view = relation_named(relations, candidate.definition.qualified_table());
    if (view == nullptr || !view->is_view()) {
      out.push_back(std::move(candidate));
      continue;
    }
    if (view->base_tables.size() == 1 && maps_by_name(candidate, *view)) {
      set_qualified_table(candidate.definition, view->base_tables.front());
      for (auto& predicate : candidate.where_predicates) predicate.column.table = view->base_tables.front();
      out.push_back(std::move(candidate));
    } else if (view->base_tables.size() != 1 && !has(reported, view->name)) {
      reported.push_back(view->name);
      diagnostics.push_back({"candidates", 0,
                             "view " + view->name + " reads " + std::to_string(view->base_tables.size()) +
                                 " tables: no index is proposed through it", ""});
    }
  }
  return out;
}

}  // namespace pgadvisor
