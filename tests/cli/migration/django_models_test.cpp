// `--migration django -o PROJECT_DIR` brings the models into line, checked with Django itself on
// a copy of the fixture project and a scratch copy of the blog database: after `manage.py
// migrate` the indexes exist and `makemigrations --check --dry-run` finds no change (the models'
// Meta.indexes hold what the migrations add); a second audit leaves models.py as it is; migrating
// each app back to 0001_initial drops the indexes again. And `pgadvisor report --migration
// sql|django` on the audit's saved JSON report writes the same files as `audit --migration`; a
// model it may not edit is left alone, with the snippet on standard error; the report of a
// database that is not a Django project's (no django_migrations) has only the SQL migration.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/cli/migration/migration_fixture.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const char* const kApps[] = {"blog", "todos", "users"};

// Every file under `dir` (relative path -> content).
std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) out[fs::relative(entry.path(), dir).string()] = read_text_file(entry.path().string());
  return out;
}

bool has_index(const std::set<std::string>& definitions, const std::string& name) {
  for (const auto& definition : definitions)
    if (definition.rfind(name + ": ", 0) == 0) return true;
  return false;
}

}  // namespace

TEST_CASE("migration: after migrate, makemigrations --check finds the models in line, and the migration reverses",
          "[pg][migration][django_models]") {
  Workload w = replayed("models");
  fs::path project = w.django_project("project");
  std::vector<std::string> names;
  for (const auto& index : w.report["indexes"]) names.push_back(index["name"]);
  std::string models;
  for (const char* app : kApps) models += read_text_file((project / app / "models.py").string());
  INFO(models);
  for (const auto& name : names) CHECK(models.find("name=\"" + name + "\",") != std::string::npos);
  CHECK(models.find("    class Meta:\n        indexes = [\n            models.Index(\n") != std::string::npos);

  std::string dsn = blog_copy("pgadvisor_migration_models");
  std::set<std::string> before = index_definitions(dsn);
  manage_py(project, dsn, "migrate --no-input");
  std::set<std::string> migrated = index_definitions(dsn);
  for (const auto& name : names) CHECK(has_index(migrated, name));
  CHECK(migrated.size() == before.size() + names.size());

  CommandResult check = run_manage_py(project, dsn, "makemigrations --check --dry-run");
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("No changes detected") != std::string::npos);

  std::map<std::string, std::string> edited = tree(project);  // a second audit changes no model
  CommandResult again = w.audit("--migration django -o " + shell_quote(project.string()));
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(tree(project) == edited);

  for (const char* app : kApps) manage_py(project, dsn, std::string("migrate ") + app + " 0001_initial");
  CHECK(index_definitions(dsn) == before);
}

TEST_CASE("migration: report --migration sql and django write what audit --migration wrote", "[pg][migration][django_models]") {
  Workload w = replayed("report");
  std::string saved = (w.dir / "report.json").string();
  std::ofstream(saved) << w.report.dump(2);
  REQUIRE(w.report.contains("migrations"));
  REQUIRE(w.report["migrations"]["django"].is_object());

  std::string sql = (w.dir / "from-report.sql").string();
  CommandResult from_sql = run_pgadvisor("report " + shell_quote(saved) + " --migration sql -o " + shell_quote(sql));
  INFO(from_sql.err);
  REQUIRE(from_sql.exit_code == 0);
  CHECK(read_text_file(sql) == w.sql);

  fs::path by_audit = w.django_project("by-audit"), by_report = w.dir / "by-report";
  fs::copy(fixture_path("blog/django"), by_report, fs::copy_options::recursive);
  CommandResult written =
      run_pgadvisor("report " + shell_quote(saved) + " --migration django -o " + shell_quote(by_report.string()));
  INFO(written.err);
  REQUIRE(written.exit_code == 0);
  CHECK(written.err.find("to Meta.indexes of class Post in ") != std::string::npos);
  std::map<std::string, std::string> audited = tree(by_audit), reported = tree(by_report);
  CHECK(audited == reported);
  CHECK(audited != tree(fixture_path("blog/django")));

  CommandResult printed_audit = w.audit("--migration django"),
                printed_report = run_pgadvisor("report " + shell_quote(saved) + " --migration django");
  REQUIRE((printed_audit.exit_code == 0 && printed_report.exit_code == 0));
  CHECK(printed_report.out == printed_audit.out);
  CHECK(printed_report.out.find("# file: users/migrations/0002_pgadvisor_indexes.py\n") != std::string::npos);

  // a model whose Meta an added one would replace: its file is left alone, stderr says what to add
  fs::path inherited = w.dir / "inherited";
  fs::copy(fixture_path("blog/django"), inherited, fs::copy_options::recursive);
  std::string todos = read_text_file((inherited / "todos/models.py").string());
  REQUIRE(todos.find("class ToDo(models.Model):") != std::string::npos);
  todos.replace(todos.find("class ToDo(models.Model):"), 25, "class ToDo(TimeStamped):");
  std::ofstream((inherited / "todos/models.py").string()) << todos;
  CommandResult left = run_pgadvisor("report " + shell_quote(saved) + " --migration django -o " + shell_quote(inherited.string()));
  INFO(left.err);
  REQUIRE(left.exit_code == 0);
  CHECK(read_text_file((inherited / "todos/models.py").string()) == todos);
  CHECK(left.err.find("todos/models.py not edited for class ToDo: class ToDo(TimeStamped) has no Meta of its own") !=
        std::string::npos);
  CHECK(left.err.find("by hand, or the next makemigrations will propose removing them:\nfrom django.db import models\n\n"
                      "    class Meta:\n        indexes = [\n            models.Index(\n") != std::string::npos);
  CHECK(fs::exists(inherited / "todos/migrations/0002_pgadvisor_indexes.py"));
  CHECK(read_text_file((inherited / "users/models.py").string()) == reported["users/models.py"]);

  json older = w.report;  // a report of an older pgadvisor has no migrations
  older.erase("migrations");
  std::ofstream(saved) << older.dump(2);
  CommandResult missing = run_pgadvisor("report " + shell_quote(saved) + " --migration sql");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("the report has no migrations") != std::string::npos);
}

TEST_CASE("migration: the report of a database that is not a Django project's has no Django migration",
          "[pg][migration][django_models]") {
  Workload w = replayed("not-django");
  std::string dsn = blog_copy("pgadvisor_migration_not_django");
  run_psql(dsn, "DROP TABLE django_migrations, django_content_type");
  CommandResult audit = run_pgadvisor("audit -q --no-rewrites --format json --db " + shell_quote(dsn) + " --workload " +
                                      shell_quote(w.workload));
  INFO(audit.err);
  REQUIRE(audit.exit_code == 0);
  json report = json::parse(audit.out);
  REQUIRE(!report["indexes"].empty());
  CHECK(report["migrations"]["django"].is_null());
  CHECK(report["migrations"]["sql"].get<std::string>().find("CREATE INDEX CONCURRENTLY") != std::string::npos);
  for (const auto& stage : report["stages"])
    if (stage["name"] == "django mapping") CHECK(stage["outcome"] == "done");  // looked, found no Django tables

  std::string saved = (w.dir / "not-django.json").string();
  std::ofstream(saved) << audit.out;
  CommandResult django = run_pgadvisor("report " + shell_quote(saved) + " --migration django");
  CHECK(django.exit_code == 2);
  CHECK(django.err.find("pgadvisor: --migration django: the audited database has no django_migrations table") !=
        std::string::npos);
  CommandResult sql = run_pgadvisor("report " + shell_quote(saved) + " --migration sql");
  CHECK(sql.exit_code == 0);
  CHECK(sql.out == report["migrations"]["sql"].get<std::string>());
}
