#include "tests/cli/migration/migration_fixture.hpp"

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>

namespace pgadvisor::testing {

namespace fs = std::filesystem;
using nlohmann::json;

const char* const kPsql = "/usr/lib/postgresql/15/bin/psql -X -q -v ON_ERROR_STOP=1";

CommandResult shell(const std::string& command) {
  const TempDir dir("migration-shell");
  const std::string out = dir.file("out"), err = dir.file("err");
  int status = std::system(("(" + command + ") </dev/null >" + shell_quote(out) + " 2>" + shell_quote(err)).c_str());
  return CommandResult{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text_file(out), read_text_file(err)};
}

std::string dsn_param(const std::string& dsn, const std::string& key) {
  size_t at = (" " + dsn).find(" " + key + "=");
  if (at == std::string::npos) return "";
  size_t end = dsn.find(' ', at);
  return dsn.substr(at + key.size() + 1, end == std::string::npos ? std::string::npos : end - at - key.size() - 1);
}

std::string blog_copy(const std::string& name) {
  const char* admin_env = std::getenv("PGADVISOR_TEST_ADMIN_DSN");
  if (!admin_env || !*admin_env) FAIL("PGADVISOR_TEST_ADMIN_DSN is not set: run the suite with scripts/test");
  std::string admin = admin_env, blog = dsn_param(test_dsn(), "dbname");
  std::string psql = std::string(kPsql) + " -d " + shell_quote(admin) + " -c ";
  REQUIRE(shell(psql + shell_quote("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")).exit_code == 0);
  if (shell(psql + shell_quote("CREATE DATABASE " + name + " TEMPLATE " + blog)).exit_code != 0) {
    CommandResult load = shell(shell_quote(fixture_path("blog/load")) + " " + shell_quote(admin) + " --db " + name);
    INFO(load.err);
    REQUIRE(load.exit_code == 0);
  }
  return test_dsn().substr(0, test_dsn().find("dbname=")) + "dbname=" + name;
}

std::set<std::string> index_definitions(const std::string& dsn) {
  std::set<std::string> out;
  Session session(dsn, SessionSettings{});
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    for (const auto& row : tx.query("SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public'"))
      out.insert(*row[0]);
  });
  return out;
}

std::vector<std::string> create_statements(const std::string& text) {
  std::vector<std::string> out;
  for (size_t at = 0, end; at < text.size(); at = end + 1) {
    end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    if (text.compare(at, 12, "CREATE INDEX") == 0) out.push_back(text.substr(at, end - at));
  }
  return out;
}

std::string index_name(const std::string& statement) {
  size_t at = statement.find(" EXISTS ") + 8;
  return statement.substr(at, statement.find(' ', at) - at);
}

CommandResult Workload::audit(const std::string& extra) const {
  return run_pgadvisor("audit --db " + shell_quote(test_dsn()) + " --workload " + shell_quote(workload) +
                       " --no-rewrites -q " + extra);
}

fs::path Workload::django_project(const std::string& name) const {
  fs::path project = dir / name;
  fs::copy(fixture_path("blog/django"), project, fs::copy_options::recursive);
  CommandResult result = audit("--migration django -o " + shell_quote(project.string()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return project;
}

Workload replayed(const std::string& name, const std::string& log) {
  Workload w;
  w.scratch = std::make_unique<TempDir>("migration-" + name);
  w.dir = w.scratch->path;
  w.workload = (w.dir / "workload.json").string();
  CommandResult replay = run_pgadvisor("replay --db " + shell_quote(test_dsn()) + " --log " + shell_quote(log) +
                                       " -q -o " + shell_quote(w.workload));
  INFO(replay.err);
  REQUIRE(replay.exit_code == 0);
  CommandResult report = w.audit("--format json"), sql = w.audit("--migration sql -o " + shell_quote(w.sql_path()));
  INFO(report.err << sql.err);
  REQUIRE((report.exit_code == 0 && sql.exit_code == 0));
  w.report = json::parse(report.out);
  w.sql = read_text_file(w.sql_path());
  REQUIRE(w.report["indexes"].size() >= 3);
  REQUIRE(create_statements(w.sql).size() == w.report["indexes"].size());
  return w;
}

CommandResult run_manage_py(const fs::path& project, const std::string& dsn, const std::string& arguments) {
  std::string env = "PGHOST=" + shell_quote(dsn_param(dsn, "host")) + " PGPORT=" + shell_quote(dsn_param(dsn, "port")) +
                    " PGUSER=" + shell_quote(dsn_param(dsn, "user")) + " PGDATABASE=" + shell_quote(dsn_param(dsn, "dbname"));
  return shell("cd " + shell_quote(project.string()) + " && " + env +
               " PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 manage.py " + arguments);
}

std::string manage_py(const fs::path& project, const std::string& dsn, const std::string& arguments) {
  CommandResult result = run_manage_py(project, dsn, arguments);
  INFO("manage.py " << arguments << "\n" << result.out << result.err);
  REQUIRE(result.exit_code == 0);
  return result.out;
}

}  // namespace pgadvisor::testing
