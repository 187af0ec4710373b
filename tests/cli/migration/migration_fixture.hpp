// Test support for the migration tests on the blog fixture: a workload replayed once into a file
// (so every audit of a test advises alike) with its JSON report and SQL migration, audits of it,
// copies of the fixture's Django project with the Django migrations in them, scratch copies of
// the blog database, its indexes, and manage.py run with Debian's python3 (Django 3.2).
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

namespace pgadvisor::testing {

extern const char* const kPsql;  // psql -X -q -v ON_ERROR_STOP=1

// Runs a shell command, capturing its output.
CommandResult shell(const std::string& command);

// The value of `key` in a "key=value ..." connection string; empty when absent.
std::string dsn_param(const std::string& dsn, const std::string& key);

// A scratch copy of the blog database named `name`: a template copy, or (when a session holds
// the blog database open) a fresh load of the fixture. Its connection string.
std::string blog_copy(const std::string& name);

// Every index of the database's own tables, "name: definition".
std::set<std::string> index_definitions(const std::string& dsn);

// The CREATE INDEX statements of a script, in order.
std::vector<std::string> create_statements(const std::string& text);

// "CREATE INDEX CONCURRENTLY IF NOT EXISTS name ON ..." -> name
std::string index_name(const std::string& statement);

struct Workload {
  std::unique_ptr<TempDir> scratch;  // removed with everything in it when the Workload goes
  std::filesystem::path dir;
  std::string workload;
  nlohmann::json report;
  std::string sql;

  std::string sql_path() const { return (dir / "indexes.sql").string(); }
  // `audit` of the saved workload on the test database, with `extra` options.
  CommandResult audit(const std::string& extra) const;
  // A copy of the fixture's Django project with the migrations of `audit --migration django` in it.
  std::filesystem::path django_project(const std::string& name) const;
};

// A log (the blog's Django log by default) replayed once into a workload file, its JSON report
// and its SQL migration.
Workload replayed(const std::string& name, const std::string& log = fixture_path("blog/logs/django.log"));

// `manage.py ARGUMENTS` in `project` on database `dsn`; run_manage_py returns what it did,
// manage_py requires it to succeed and returns its standard output.
CommandResult run_manage_py(const std::filesystem::path& project, const std::string& dsn, const std::string& arguments);
std::string manage_py(const std::filesystem::path& project, const std::string& dsn, const std::string& arguments);

}  // namespace pgadvisor::testing
