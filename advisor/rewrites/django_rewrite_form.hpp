// The Django ORM form of step 1 of an IN-subquery rewrite: the Python lines that materialize the
// subquery's values with the model's manager, and the hint to pass that list where the queryset
// passed the subquery. Pure: reads the subquery with libpg_query and the models given.
//
// Read: one table (a model of django_content_type under its default db_table), with INNER JOINs
// along forward foreign keys (`U0."user_id" = U1."id"` gives the lookup path `user__`), one output
// column, and a WHERE of AND-ed conditions: `col = c`, bare `col`, `NOT col`, IS [NOT] NULL,
// <, <=, >, >=, BETWEEN, IN (list) and LIKE 'x%' / '%x' / '%x%' (ILIKE too). Field names are
// taken to be the column names (Django's default); the outer field is the outer column's name,
// right when that column belongs to the queryset's own model. Anything else is refused.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plans/pg/django_models.hpp"

namespace pgadvisor {

// For `"todos_todo"."id" NOT IN (SELECT U0."todo_id" FROM "todos_todoassignee" U0 WHERE
// U0."is_completed")`, each line ending in a newline:
//   from django.apps import apps
//   Todoassignee = apps.get_model("todos", "todoassignee")
//   ids = list(Todoassignee.objects.filter(is_completed=True).values_list("todo_id", flat=True))
//   # then pass the list where the queryset passed the subquery: .exclude(id__in=ids)
// plus, when negated, a caution that Django drops None from the list while NOT IN matches no row
// once the subquery yields a NULL. A $n parameter becomes the name pn, explained in a comment.
// `outer_column` is the tested column as SQL ("todos_todo.id", "\"todos_todo\".\"id\"").
// nullopt, with the reason in `why_not`, for any shape above not supported.
std::optional<std::string> django_materialize_form(const std::string& subquery_sql, const std::string& outer_column,
                                                   bool negated, const std::vector<DjangoModel>& models,
                                                   std::string& why_not);

}  // namespace pgadvisor
