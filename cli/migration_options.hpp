// `audit --migration sql|django`: the proposed indexes as a migration instead of the report.
// sql: CREATE INDEX CONCURRENTLY IF NOT EXISTS statements, each with a comment (why, size,
// benefit), the drop suggestions commented out. django: a migration per app with
// AddIndexConcurrently (atomic = False), the models found through django_content_type and
// Django's db_table convention (or the [django] section of the config), depending on the app's
// latest applied migration in django_migrations (or --django-dependency).
// Where the Django files go: one app's migration to -o FILE or standard output; with -o naming an
// existing directory (the Django project's, required when several apps get one),
// DIR/<app_label>/migrations/<NNNN>_pgadvisor_indexes.py — the migrations/ package is created
// (with an empty __init__.py) only inside an existing DIR/<app_label>/; an app without that
// directory (one installed elsewhere) is printed on standard output instead. Without -o, several
// files are printed one after the other, each after a `# file: <app>/migrations/<name>` line.
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <string>

#include "advisor/model/advice.hpp"
#include "advisor/django/map_models.hpp"

namespace pgadvisor {

struct MigrationCommandOptions {
  std::string kind;  // "", "sql" or "django"
  DjangoMappingOptions django;  // --django-dependency and the config's [django.models]
};

void add_migration_options(CLI::App* audit, MigrationCommandOptions& options);

// Writes the migration to `output` (a file, or for several Django apps a directory; empty:
// standard output) when --migration was given, with the Django mapping the audit read
// (advice.django). Throws FatalError for what makes it impossible (a table no model maps to is
// a comment in the migration and a line on standard error, not an error).
void write_migration(const MigrationCommandOptions& options, const Advice& advice, const std::string& output);

}  // namespace pgadvisor
