// The Django models of the sandbox's blog database (django_content_type), and of a database that
// is not a Django one.
#include <catch2/catch.hpp>

#include "plans/pg/django_models.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

TEST_CASE("the blog's models come from django_content_type", "[pg][django]") {
  Session session(test_dsn(), {});
  session.rolled_back(TransactionMode::ReadOnly, [](Transaction& tx) {
    auto models = read_django_models(tx);
    REQUIRE(models.size() == 10);
    CHECK(models.front().app_label == "blog");
    CHECK(models.front().model == "author");
    CHECK(models.front().class_name_guess == "Author");
    const DjangoModel* assignee = model_for_table(models, "todos_todoassignee");
    REQUIRE(assignee != nullptr);
    CHECK(assignee->app_label == "todos");
    CHECK(assignee->model == "todoassignee");
    CHECK(assignee->class_name_guess == "Todoassignee");
    CHECK(model_for_table(models, "users_user")->class_name_guess == "User");
    CHECK(model_for_table(models, "blog_book_authors") == nullptr);  // an M2M table has no content type
  });
}

TEST_CASE("a database without django_content_type has no models", "[pg][django]") {
  Session session(scratch_database("pgadvisor_scratch_django", "CREATE TABLE t (id int);"), {});
  session.rolled_back(TransactionMode::ReadOnly, [](Transaction& tx) {
    CHECK(read_django_models(tx).empty());
    tx.query("SELECT 1");  // the transaction is still usable
  });
}
