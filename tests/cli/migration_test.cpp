// `audit --migration sql|django` on the blog fixture, checked against PostgreSQL and Django
// themselves: the SQL migration applies with psql and the templates' EXPLAIN then uses its
// indexes; the Django migrations, dropped into a copy of the fixture project, are applied by
// `manage.py migrate` and create exactly the indexes the SQL migration creates (pg_indexes of two
// scratch copies of the blog database), after which `makemigrations --check` finds the models'
// Meta.indexes in line (expressions, NULLS orders and conditions included); `manage.py
// sqlmigrate` prints the SQL migration's statements; the files' layout, --django-dependency and
// [django.models]. The workload is replayed once per test into a file, so every audit of a test
// advises alike (tests/cli/migration/migration_fixture.hpp).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/cli/migration/migration_fixture.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The SQL migration applied with psql to one copy of the blog database, the Django migrations of
// `project` with manage.py migrate to another: both get the same indexes, the proposed ones.
void check_same_indexes(const Workload& w, const fs::path& project, const std::string& prefix) {
  std::string by_sql = blog_copy(prefix + "_sql"), by_django = blog_copy(prefix + "_django");
  REQUIRE(shell(std::string(kPsql) + " -d " + shell_quote(by_sql) + " -f " + shell_quote(w.sql_path())).exit_code == 0);
  std::string migrated = manage_py(project, by_django, "migrate --no-input");
  CHECK(migrated.find("_pgadvisor_indexes... OK") != std::string::npos);
  // the models' Meta.indexes (edited by the audit) hold the same indexes: nothing to migrate
  CHECK(manage_py(project, by_django, "makemigrations --check --dry-run").find("No changes detected") != std::string::npos);
  std::set<std::string> original = index_definitions(test_dsn()), sql = index_definitions(by_sql),
                        django = index_definitions(by_django);
  CHECK(sql == django);
  CHECK(sql.size() == original.size() + w.report["indexes"].size());
  for (const auto& statement : create_statements(w.sql)) {
    std::string name = index_name(statement);
    CHECK(std::any_of(django.begin(), django.end(), [&](const std::string& d) { return d.rfind(name + ": ", 0) == 0; }));
  }
}

// The statement without IF NOT EXISTS, quotes and the final semicolon.
std::string comparable(std::string statement) {
  size_t at = statement.find(" IF NOT EXISTS");
  if (at != std::string::npos) statement.erase(at, 14);
  std::string out;
  for (char c : statement)
    if (c != '"') out += c;
  while (!out.empty() && (out.back() == ';' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

TEST_CASE("migration: the SQL migration applies with psql and the templates' plans then use its indexes", "[pg][migration]") {
  Workload w = replayed("sql");
  std::string dsn = blog_copy("pgadvisor_migration_sql");
  CommandResult applied = shell(std::string(kPsql) + " -d " + shell_quote(dsn) + " -f " + shell_quote(w.sql_path()));
  INFO(w.sql << applied.err);
  REQUIRE(applied.exit_code == 0);

  std::map<std::string, std::string> samples;
  for (const auto& entry : w.report["templates"]) samples[entry["fingerprint"]] = entry["sample"]["sql"];
  std::vector<std::string> statements = create_statements(w.sql);
  std::set<std::string> created = index_definitions(dsn);
  Session session(dsn, SessionSettings{});
  for (size_t i = 0; i < statements.size(); ++i) {
    const json& index = w.report["indexes"][i];
    std::string name = index_name(statements[i]);
    INFO(statements[i]);
    CHECK(name.size() <= 30);
    std::string ddl = index["ddl"];  // the same index as the report's, under the migration's name
    CHECK(statements[i].substr(statements[i].find(" ON ")) == ddl.substr(ddl.find(" ON ")));
    CHECK(std::any_of(created.begin(), created.end(), [&](const std::string& d) { return d.rfind(name + ": ", 0) == 0; }));
    std::string plans;
    for (const auto& fingerprint : index["templates"]) {
      if (!samples.count(fingerprint)) continue;
      session.rolled_back(TransactionMode::ReadWrite, [&](Transaction& tx) {
        plans += *tx.query("EXPLAIN (FORMAT JSON) " + samples[fingerprint])[0][0];
      });
    }
    INFO(plans);
    CHECK(plans.find("\"Index Name\": \"" + name + "\"") != std::string::npos);
  }
}

TEST_CASE("migration: manage.py migrate applies the Django migrations and creates the SQL migration's indexes",
          "[pg][migration]") {
  Workload w = replayed("django");
  fs::path project = w.django_project("project");
  for (const char* app : {"blog", "todos", "users"}) {
    fs::path file = project / app / "migrations" / "0002_pgadvisor_indexes.py";
    std::string text = read_text_file(file.string());
    INFO(file);
    CHECK(text.find("    atomic = False\n") != std::string::npos);
    CHECK(text.find("(\"" + std::string(app) + "\", \"0001_initial\")") != std::string::npos);
  }
  CHECK(read_text_file((project / "blog/migrations/0002_pgadvisor_indexes.py").string())
            .find("fields=[\"author\", \"-published_at\"],") != std::string::npos);
  check_same_indexes(w, project, "pgadvisor_migration_django");
}

TEST_CASE("migration: expressions, NULLS LAST, IS NULL and string conditions migrate to the same indexes",
          "[pg][migration]") {
  const TempDir logs("migration-shapes");
  const fs::path log = logs.file("shapes.sql");
  std::ofstream(log) << R"SQL(
SELECT id, email FROM users_user WHERE upper(email::text) = upper('jonas.lee17@corp.example.com');
SELECT id, email FROM users_user WHERE upper(email::text) = upper('someone@corp.example.com');
SELECT id FROM users_user WHERE status = 'banned' ORDER BY created DESC NULLS LAST LIMIT 10;
SELECT id FROM users_user WHERE status = 'banned' ORDER BY created DESC NULLS LAST LIMIT 10;
SELECT id, title FROM blog_post WHERE published_at IS NULL AND author_id = 3 ORDER BY created_at LIMIT 5;
SELECT id, title FROM blog_post WHERE published_at IS NULL AND author_id = 4 ORDER BY created_at LIMIT 5;
SELECT id, title FROM blog_post WHERE published_at IS NULL AND author_id = 5 ORDER BY created_at LIMIT 5;
SELECT id, title FROM blog_post WHERE published_at IS NULL AND author_id = 6 ORDER BY created_at LIMIT 5;
SELECT id, title FROM blog_post WHERE published_at IS NULL AND author_id = 7 ORDER BY created_at LIMIT 5;
SELECT id, title FROM blog_post WHERE published_at IS NULL AND author_id = 8 ORDER BY created_at LIMIT 5;
SELECT id, title FROM blog_post WHERE published_at IS NULL AND author_id = 9 ORDER BY created_at LIMIT 5;
SELECT id, title FROM blog_post WHERE published_at IS NULL AND author_id = 10 ORDER BY created_at LIMIT 5;
SELECT id, title FROM blog_post WHERE published_at IS NULL AND author_id = 11 ORDER BY created_at LIMIT 5;
SELECT id, title FROM blog_post WHERE published_at IS NULL AND author_id = 12 ORDER BY created_at LIMIT 5;
)SQL";  // ten calls of the last: its 4.7 MB index must save 1 ms per MB over the log, with a margin for noise
  Workload w = replayed("shapes", log.string());
  fs::path project = w.django_project("project");
  std::string users = read_text_file((project / "users/migrations/0002_pgadvisor_indexes.py").string());
  INFO(w.sql << users);
  CHECK(users.find("                Upper(\"email\"),\n") != std::string::npos);
  CHECK(users.find("models.F(\"created\").desc(nulls_last=True),") != std::string::npos);
  CHECK(users.find("condition=models.Q(status=\"banned\"),") != std::string::npos);
  CHECK(read_text_file((project / "blog/migrations/0002_pgadvisor_indexes.py").string())
            .find("condition=models.Q(published_at__isnull=True),") != std::string::npos);
  check_same_indexes(w, project, "pgadvisor_migration_shapes");
}

TEST_CASE("migration: manage.py sqlmigrate prints the SQL migration's statements", "[pg][migration]") {
  Workload w = replayed("sqlmigrate");
  fs::path project = w.django_project("project");
  std::set<std::string> from_sql, from_django;
  for (const auto& statement : create_statements(w.sql)) from_sql.insert(comparable(statement));
  for (const char* app : {"blog", "todos", "users"})
    for (const auto& statement : create_statements(manage_py(project, test_dsn(), std::string("sqlmigrate ") + app +
                                                                                     " 0002_pgadvisor_indexes")))
      from_django.insert(comparable(statement));
  CHECK(from_sql == from_django);
}

TEST_CASE("migration: Django files on standard output, one file, several apps, a given dependency", "[pg][migration]") {
  Workload w = replayed("layout");
  CommandResult printed = w.audit("--migration django");
  INFO(printed.err);
  REQUIRE(printed.exit_code == 0);
  CHECK(printed.out.rfind("# file: blog/migrations/0002_pgadvisor_indexes.py\n", 0) == 0);
  CHECK(printed.out.find("\n# file: todos/migrations/0002_pgadvisor_indexes.py\n") != std::string::npos);
  CHECK(printed.out.find("\n# file: users/migrations/0002_pgadvisor_indexes.py\n") != std::string::npos);
  CHECK(printed.out.find("from django.contrib.postgres.operations import AddIndexConcurrently") != std::string::npos);

  std::string file = (w.dir / "one.py").string();
  CommandResult several = w.audit("--migration django -o " + shell_quote(file));
  CHECK(several.exit_code == 2);  // several apps need a directory
  CHECK(several.err.find("several apps") != std::string::npos);

  fs::path project = w.dir / "partial";
  fs::create_directories(project / "blog");  // blog has no migrations/ yet; todos and users are elsewhere
  CommandResult dir = w.audit("--migration django --django-dependency blog.0007_later -o " + shell_quote(project.string()));
  INFO(dir.err);
  REQUIRE(dir.exit_code == 0);
  std::string blog = read_text_file((project / "blog/migrations/0008_pgadvisor_indexes.py").string());
  CHECK(blog.find("(\"blog\", \"0007_later\")") != std::string::npos);
  CHECK(fs::exists(project / "blog/migrations/__init__.py"));
  CHECK_FALSE(fs::exists(project / "todos"));
  CHECK(dir.out.find("# file: todos/migrations/0002_pgadvisor_indexes.py") != std::string::npos);
  CHECK(dir.err.find("printed on standard output") != std::string::npos);
  std::string config = (w.dir / "pgadvisor.toml").string();  // [django.models] wins over the default db_table
  std::ofstream(config) << "[django.models]\ntodos_todo = \"tasks.Task\"\n";
  CommandResult mapped = w.audit("--migration django --config " + shell_quote(config));
  INFO(mapped.err);
  CHECK(mapped.out.find("# file: tasks/migrations/0001_pgadvisor_indexes.py\n") != std::string::npos);
  CHECK(mapped.out.find("model_name=\"task\"") != std::string::npos);
  CHECK(mapped.err.find("no applied migration of app tasks") != std::string::npos);
}
