// A type name given as text (what pg_typeof prints: `bigint`, `character varying(20)`,
// `timestamp with time zone`), read by libpg_query's grammar as the target of a cast and kept only
// when the statement read is exactly that cast — plain names, integer modifiers, array bounds —
// so that no text outside a type name can get in. It makes typed nodes: a literal `'v'::T` (the
// value a string constant, never SQL text), `NULL::T`, and an array parameter `$n::T[]`.
#pragma once

#include <optional>
#include <string>

#include "plans/sql/parse_tree_edit.hpp"

namespace pgadvisor {

class ElementType {
 public:
  // nullopt, with the reason in `why_not`, when `text` is not one type name.
  static std::optional<ElementType> parse(const std::string& text, std::string& why_not);

  PgQuery__Node* literal(const std::optional<std::string>& value) const;  // owned: 'value'::T or NULL::T
  PgQuery__Node* array_parameter(int number) const;                       // owned: $number::T[]

 private:
  explicit ElementType(ProtoTree tree) : tree_(std::move(tree)) {}
  const PgQuery__Node* cast() const;  // the validated 'v'::T
  ProtoTree tree_;
};

}  // namespace pgadvisor
