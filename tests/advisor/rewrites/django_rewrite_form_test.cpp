// The Django ORM form of an IN-subquery rewrite's step 1: the fixture's real statements, each kind
// of constant and lookup, and the shapes refused with a reason.
#include <catch2/catch.hpp>

#include "advisor/rewrites/django_rewrite_form.hpp"

using namespace pgadvisor;

namespace {

const std::vector<DjangoModel> kBlogModels = {
    {"todos", "todo", "Todo"}, {"todos", "todoassignee", "Todoassignee"}, {"users", "user", "User"}};

const char* kHeader = "from django.apps import apps\nTodoassignee = apps.get_model(\"todos\", \"todoassignee\")\n";

std::string form_of(const std::string& subquery, bool negated = false) {
  std::string why_not;
  auto form = django_materialize_form(subquery, "\"todos_todo\".\"id\"", negated, kBlogModels, why_not);
  INFO(why_not);
  REQUIRE(form);
  CHECK(why_not.empty());
  return *form;
}

// The ids = ... line of the form of `SELECT U0."todo_id" FROM "todos_todoassignee" U0 WHERE <where>`.
std::string ids_line(const std::string& where) {
  std::string form = form_of("SELECT U0.\"todo_id\" FROM \"todos_todoassignee\" U0 WHERE " + where);
  size_t start = form.find("ids = ");
  REQUIRE(start != std::string::npos);
  return form.substr(start, form.find('\n', start) - start);
}

std::string filter_of(const std::string& where) {
  std::string line = ids_line(where);
  std::string prefix = "ids = list(Todoassignee.objects", suffix = ".values_list(\"todo_id\", flat=True))";
  REQUIRE(line.rfind(prefix, 0) == 0);
  REQUIRE(line.size() >= prefix.size() + suffix.size());
  CHECK(line.substr(line.size() - suffix.size()) == suffix);
  return line.substr(prefix.size(), line.size() - prefix.size() - suffix.size());
}

std::string refusal(const std::string& subquery, const std::string& outer = "todos_todo.id",
                    const std::vector<DjangoModel>& models = kBlogModels) {
  std::string why_not;
  auto form = django_materialize_form(subquery, outer, true, models, why_not);
  CHECK_FALSE(form);
  CHECK_FALSE(why_not.empty());
  return why_not;
}

}  // namespace

TEST_CASE("exclude(id__in=...) of the fixture's log: a bare boolean becomes =True", "[django][rewrite]") {
  std::string form = form_of(
      "SELECT U0.\"todo_id\" FROM \"todos_todoassignee\" U0 WHERE U0.\"is_completed\"", true);
  CHECK(form == std::string(kHeader) +
                    "ids = list(Todoassignee.objects.filter(is_completed=True).values_list(\"todo_id\", flat=True))\n"
                    "# then pass the list where the queryset passed the subquery: .exclude(id__in=ids)\n"
                    "# (NOT IN matches no row once the subquery yields a NULL; Django drops None from ids)\n");
}

TEST_CASE("filter(id__in=...) through a foreign-key join: user__status", "[django][rewrite]") {
  std::string form = form_of(
      "SELECT U0.\"todo_id\" FROM \"todos_todoassignee\" U0 INNER JOIN \"users_user\" U1 "
      "ON (U0.\"user_id\" = U1.\"id\") WHERE U1.\"status\" = 'banned'");
  CHECK(form == std::string(kHeader) +
                    "ids = list(Todoassignee.objects.filter(user__status=\"banned\").values_list(\"todo_id\", "
                    "flat=True))\n"
                    "# then pass the list where the queryset passed the subquery: .filter(id__in=ids)\n");
}

TEST_CASE("the deparsed subquery and outer expression of find_in_subqueries read the same", "[django][rewrite]") {
  std::string why_not;
  auto form = django_materialize_form("SELECT u0.todo_id FROM todos_todoassignee u0 WHERE u0.is_completed",
                                      "todos_todo.id", true, kBlogModels, why_not);
  REQUIRE(form);
  CHECK(form->find(".filter(is_completed=True)") != std::string::npos);
  CHECK(form->find(".exclude(id__in=ids)") != std::string::npos);
}

TEST_CASE("constants become Python literals", "[django][rewrite]") {
  CHECK(filter_of("U0.n = 42") == ".filter(n=42)");
  CHECK(filter_of("U0.n = -42") == ".filter(n=-42)");  // the JSON tree loses negative integers
  CHECK(filter_of("U0.n = - 7") == ".filter(n=-7)");
  CHECK(filter_of("U0.n = 0") == ".filter(n=0)");
  CHECK(filter_of("U0.n = -2.5") == ".filter(n=-2.5)");
  CHECK(filter_of("U0.n = 12345678901234") == ".filter(n=12345678901234)");
  CHECK(filter_of("U0.s = 'it''s \"q\" \\ x'") == ".filter(s=\"it's \\\"q\\\" \\\\ x\")");
  CHECK(filter_of("U0.s = E'a\\nb'") == ".filter(s=\"a\\nb\")");
  CHECK(filter_of("U0.s = ''") == ".filter(s=\"\")");
  CHECK(filter_of("U0.b = true AND U0.c = false") == ".filter(b=True, c=False)");
  CHECK(filter_of("U0.d >= '2024-06-23T00:00:00+00:00'::timestamptz") ==
        ".filter(d__gte=\"2024-06-23T00:00:00+00:00\")");
  CHECK(filter_of("U0.n IN (1, NULL, 'x')") == ".filter(n__in=[1, None, \"x\"])");
}

TEST_CASE("each supported condition has its lookup", "[django][rewrite]") {
  CHECK(filter_of("NOT U0.is_completed") == ".filter(is_completed=False)");
  CHECK(filter_of("U0.user_id IS NULL AND U0.todo_id IS NOT NULL") ==
        ".filter(user_id__isnull=True, todo_id__isnull=False)");
  CHECK(filter_of("U0.n < 1 AND U0.m <= 2 AND U0.o > 3 AND U0.p >= 4") ==
        ".filter(n__lt=1, m__lte=2, o__gt=3, p__gte=4)");
  CHECK(filter_of("U0.n BETWEEN 1 AND 5") == ".filter(n__range=(1, 5))");
  CHECK(filter_of("U0.\"title\"::text LIKE 'ab\\%c%'") == ".filter(title__startswith=\"ab%c\")");
  CHECK(filter_of("U0.title LIKE '%ab'") == ".filter(title__endswith=\"ab\")");
  CHECK(filter_of("U0.title ILIKE '%ab%'") == ".filter(title__icontains=\"ab\")");
  CHECK(filter_of("(U0.a = 1 AND (U0.b = 2 AND U0.c))") == ".filter(a=1, b=2, c=True)");
  CHECK(filter_of("U0.n > 1 AND U0.n > 2") == ".filter(n__gt=1).filter(n__gt=2)");  // no repeated keyword
}

TEST_CASE("parameters become names explained in a comment, no WHERE, no filter()", "[django][rewrite]") {
  std::string form = form_of("SELECT U0.todo_id FROM todos_todoassignee U0 WHERE U0.user_id = $2 AND U0.n IN ($1, $2)");
  CHECK(form == std::string(kHeader) +
                    "# p1, p2: the values of the statement's $1, $2 (see the log)\n"
                    "ids = list(Todoassignee.objects.filter(user_id=p2, n__in=[p1, p2]).values_list(\"todo_id\", "
                    "flat=True))\n"
                    "# then pass the list where the queryset passed the subquery: .filter(id__in=ids)\n");
  CHECK(ids_line("U0.n = $1::integer") ==
        "ids = list(Todoassignee.objects.filter(n=p1).values_list(\"todo_id\", flat=True))");
  CHECK(form_of("SELECT todo_id FROM public.todos_todoassignee").find(
            "ids = list(Todoassignee.objects.values_list(\"todo_id\", flat=True))\n") != std::string::npos);
}

TEST_CASE("joins chain their lookup paths, the output may sit on a joined table", "[django][rewrite]") {
  std::vector<DjangoModel> models = kBlogModels;
  std::string why_not;
  auto form = django_materialize_form(
      "SELECT U1.id FROM todos_todoassignee U0 JOIN users_user U1 ON U1.id = U0.user_id "
      "INNER JOIN users_team U2 ON (U1.team_id = U2.id) WHERE U2.name = 'x' AND U0.is_completed",
      "blog_post.author_id", false, models, why_not);
  INFO(why_not);
  REQUIRE(form);
  CHECK(form->find("ids = list(Todoassignee.objects.filter(user__team__name=\"x\", is_completed=True)"
                   ".values_list(\"user__id\", flat=True))\n") != std::string::npos);
  CHECK(form->find(".filter(author_id__in=ids)") != std::string::npos);
}

TEST_CASE("unsupported shapes are refused with a reason", "[django][rewrite]") {
  const std::string select = "SELECT U0.todo_id FROM todos_todoassignee U0 ";
  CHECK(refusal(select + "WHERE U0.a = 1 OR U0.b = 2").find("OR_EXPR") != std::string::npos);
  CHECK(refusal(select + "WHERE U0.a <> 1").find("<>") != std::string::npos);
  CHECK(refusal(select + "WHERE NOT (U0.a = 1)").find("NOT_EXPR") != std::string::npos);
  CHECK(refusal(select + "WHERE U0.a = U0.b").find("two columns (u0.b)") != std::string::npos);  // F()
  CHECK(refusal(select + "WHERE U0.a = lower('X')").find("not a constant") != std::string::npos);
  CHECK(refusal(select + "WHERE U0.a = NULL").find("NULL") != std::string::npos);
  CHECK(refusal(select + "WHERE lower(U0.a) = 'x'").find("plain column") != std::string::npos);
  CHECK(refusal(select + "WHERE U0.a NOT IN (1, 2)").find("<>") != std::string::npos);
  CHECK(refusal(select + "WHERE U0.a NOT LIKE 'x%'").find("NOT LIKE") != std::string::npos);
  CHECK(refusal(select + "WHERE U0.a LIKE 'a_b%'").find("_") != std::string::npos);
  CHECK(refusal(select + "WHERE U0.a LIKE 'a%b'").find("inside") != std::string::npos);
  CHECK(refusal(select + "WHERE U0.a LIKE 'ab'").find("LIKE pattern") != std::string::npos);
  CHECK(refusal(select + "WHERE U0.a LIKE $1").find("not a string constant") != std::string::npos);
  CHECK(refusal(select + "WHERE U0.a = ANY(ARRAY[1])").find("ANY") != std::string::npos);
  CHECK(refusal(select + "WHERE U0.x = todos_todo.id").find("todos_todo.id") != std::string::npos);  // correlated
  CHECK(refusal(select + "WHERE todos_todoassignee.x = 1").find("todos_todoassignee.x") != std::string::npos);
  CHECK(refusal(select + "WHERE EXISTS (SELECT 1)").find("SubLink") != std::string::npos);
  CHECK(refusal(select + "ORDER BY U0.id").find("ORDER BY") != std::string::npos);
  CHECK(refusal(select + "LIMIT 5").find("LIMIT") != std::string::npos);
  CHECK(refusal("SELECT DISTINCT U0.todo_id FROM todos_todoassignee U0").find("DISTINCT") != std::string::npos);
  CHECK(refusal("SELECT todo_id FROM todos_todoassignee GROUP BY todo_id").find("GROUP BY") != std::string::npos);
  CHECK(refusal("SELECT todo_id FROM todos_todoassignee UNION SELECT 1").find("set operation") != std::string::npos);
  CHECK(refusal("SELECT U0.todo_id, U0.id FROM todos_todoassignee U0").find("one column") != std::string::npos);
  CHECK(refusal("SELECT count(*) FROM todos_todoassignee U0").find("plain column") != std::string::npos);
  CHECK(refusal("SELECT a.todo_id FROM todos_todoassignee a, users_user b").find("comma") != std::string::npos);
  CHECK(refusal("SELECT U0.todo_id FROM todos_todoassignee U0 LEFT OUTER JOIN users_user U1 ON U0.user_id = U1.id")
            .find("INNER JOIN") != std::string::npos);
  CHECK(refusal("SELECT U0.todo_id FROM todos_todoassignee U0 JOIN users_user U1 ON U0.id = U1.assignee_id")
            .find("foreign key") != std::string::npos);  // a reverse relation: its lookup name is unknown
  CHECK(refusal("SELECT U0.id FROM todos_todo U0 JOIN users_user U1 ON U0.owner_id = U1.id AND U1.x")
            .find("one equality") != std::string::npos);
  CHECK(refusal("SELECT todo_id FROM (SELECT todo_id FROM todos_todoassignee) s").find("RangeSubselect") !=
        std::string::npos);
  CHECK(refusal("SELECT todo_id FROM other.todos_todoassignee").find("outside public") != std::string::npos);
  CHECK(refusal("SELECT todo_id FROM todos_todoassignee WHERE").find("does not parse") != std::string::npos);
  CHECK(refusal(select, "lower(todos_todo.title)").find("not a column") != std::string::npos);
}

TEST_CASE("a table without a model in django_content_type is named and refused", "[django][rewrite]") {
  CHECK(refusal("SELECT post_id FROM blog_comment").find("blog_comment") != std::string::npos);
  CHECK(refusal("SELECT U0.todo_id FROM todos_todoassignee U0", "todos_todo.id", {}).find("todos_todoassignee") !=
        std::string::npos);
}

TEST_CASE("models by Django's default db_table", "[django]") {
  std::vector<DjangoModel> models = {{"a_b", "c", "C"}, {"a", "b_c", "B_c"}, {"todos", "todoassignee", "Todoassignee"}};
  const DjangoModel* model = model_for_table(models, "Todos_TodoAssignee");
  REQUIRE(model != nullptr);
  CHECK(model->class_name_guess == "Todoassignee");
  CHECK(model_for_table(models, "public.todos_todoassignee") == model);
  CHECK(model_for_table(models, "other.todos_todoassignee") == nullptr);
  CHECK(model_for_table(models, "a_b_c") == nullptr);  // two models claim it
  CHECK(model_for_table(models, "todos_todo") == nullptr);
}
