// The objects a statement names, read from libpg_query's parse tree as written (a quoted name
// keeps its case, an unquoted one is folded as the parser folds it): functions called, operators
// used (with the comparison and LIKE operators that sorting, grouping, IN and BETWEEN imply),
// types cast to, relations read or written, and whether a column is set to DEFAULT. The replay's
// closure analysis resolves these against the catalogs. Pure; a malformed tree yields what it has.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pgadvisor {

struct QualifiedName {
  std::string schema;  // empty when the statement leaves it to the search path
  std::string name;

  std::string text() const { return schema.empty() ? name : schema + "." + name; }
  bool operator==(const QualifiedName& other) const { return schema == other.schema && name == other.name; }
};

enum class WriteAction { Insert, Update, Delete, Merge };

struct WrittenRelation {
  QualifiedName name;
  WriteAction action = WriteAction::Merge;
};

struct StatementObjects {
  std::vector<QualifiedName> functions;  // calls, and t.f / (row).f, which call f(t) when t has no column f
  std::vector<QualifiedName> operators;
  std::vector<QualifiedName> cast_types;
  std::vector<QualifiedName> relations;  // every relation named (CTE names included: they resolve to nothing)
  std::vector<WrittenRelation> written;  // targets of INSERT/UPDATE/DELETE/MERGE, data-modifying CTEs included
  bool sets_default = false;             // SET col = DEFAULT, or DEFAULT in a VALUES list
};

StatementObjects statement_objects(const nlohmann::json& tree);

}  // namespace pgadvisor
