#include "plans/sql/element_type.hpp"

#include <stdexcept>

#include "plans/sql/node_templates.hpp"

namespace pgadvisor {
namespace {

constexpr const char* placeholder = "v";

bool only_nodes_of(PgQuery__Node* const* items, size_t count, PgQuery__Node__NodeCase node_case) {
  for (size_t i = 0; i < count; ++i)
    if (!items[i] || items[i]->node_case != node_case) return false;
  return true;
}

bool integer_modifiers(PgQuery__Node* const* items, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    const PgQuery__Node* item = items[i];
    if (!item || item->node_case != PG_QUERY__NODE__NODE_A_CONST || item->a_const->isnull ||
        item->a_const->val_case != PG_QUERY__A__CONST__VAL_IVAL)
      return false;
  }
  return true;
}

bool plain_type_name(const PgQuery__TypeName* type) {
  return type && type->n_names > 0 && only_nodes_of(type->names, type->n_names, PG_QUERY__NODE__NODE_STRING) &&
         integer_modifiers(type->typmods, type->n_typmods) &&
         only_nodes_of(type->array_bounds, type->n_array_bounds, PG_QUERY__NODE__NODE_INTEGER) && !type->setof &&
         !type->pct_type;
}

// The one target of `SELECT 'v'::T` when that is all the statement holds.
const PgQuery__Node* lone_cast(const ProtoTree& tree) {
  const PgQuery__SelectStmt* select = tree.select();
  if (!select || select->n_target_list != 1 || select->n_distinct_clause || select->into_clause ||
      select->n_from_clause || select->where_clause || select->n_group_clause || select->having_clause ||
      select->n_window_clause || select->n_values_lists || select->n_sort_clause || select->limit_offset ||
      select->limit_count || select->n_locking_clause || select->with_clause || select->larg || select->rarg ||
      select->op != PG_QUERY__SET_OPERATION__SETOP_NONE)
    return nullptr;
  const PgQuery__Node* target = select->target_list[0];
  if (target->node_case != PG_QUERY__NODE__NODE_RES_TARGET) return nullptr;
  const PgQuery__ResTarget* res = target->res_target;
  if ((res->name && *res->name) || res->n_indirection || !res->val ||
      res->val->node_case != PG_QUERY__NODE__NODE_TYPE_CAST)
    return nullptr;
  const PgQuery__TypeCast* cast = res->val->type_cast;
  const PgQuery__Node* arg = cast->arg;
  bool literal = arg && arg->node_case == PG_QUERY__NODE__NODE_A_CONST && !arg->a_const->isnull &&
                 arg->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL && arg->a_const->sval->sval &&
                 std::string(arg->a_const->sval->sval) == placeholder;
  return literal && plain_type_name(cast->type_name) ? res->val : nullptr;
}

}  // namespace

std::optional<ElementType> ElementType::parse(const std::string& text, std::string& why_not) {
  std::string error;
  auto tree = ProtoTree::parse(std::string("SELECT '") + placeholder + "'::" + text, &error);
  if (!tree || !lone_cast(*tree)) {
    why_not = "not a type name: " + text;
    return std::nullopt;
  }
  return ElementType(std::move(*tree));
}

const PgQuery__Node* ElementType::cast() const { return lone_cast(tree_); }

PgQuery__Node* ElementType::literal(const std::optional<std::string>& value) const {
  PgQuery__Node* node = copy_node(cast());
  PgQuery__Node** arg = &node->type_cast->arg;
  if (value) {
    set_string_field(&(*arg)->a_const->sval->sval, *value);
  } else {
    replace_node(arg, template_where("SELECT WHERE NULL"));
  }
  return node;
}

PgQuery__Node* ElementType::array_parameter(int number) const {
  PgQuery__Node* node = copy_node(cast());
  PgQuery__Node* array = expect_node(template_where("SELECT WHERE $1::int[]"), PG_QUERY__NODE__NODE_TYPE_CAST, "$1::int[]");
  const PgQuery__TypeName* array_type = array->type_cast->type_name;
  if (array_type->n_array_bounds != 1) throw std::logic_error("unexpected template shape: $1::int[]");
  expect_node(array->type_cast->arg, PG_QUERY__NODE__NODE_PARAM_REF, "$1::int[]")->param_ref->number = number;

  PgQuery__TypeName* type = node->type_cast->type_name;
  std::vector<PgQuery__Node*> bounds;
  for (size_t i = 0; i < type->n_array_bounds; ++i) bounds.push_back(copy_node(type->array_bounds[i]));
  bounds.push_back(copy_node(array_type->array_bounds[0]));
  set_node_list(&type->array_bounds, &type->n_array_bounds, bounds);

  std::swap(node->type_cast->arg, array->type_cast->arg);  // the parameter in, the literal out
  free_node(array);
  return node;
}

}  // namespace pgadvisor
