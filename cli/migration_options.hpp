// `audit --migration sql|django`: the proposed indexes as a migration instead of the report.
// sql: CREATE INDEX CONCURRENTLY IF NOT EXISTS statements, each with a comment (why, size,
// benefit), the drop suggestions commented out. django: a migration per app with
// AddIndexConcurrently (atomic = False), the models found through django_content_type and
// Django's db_table convention (or the [django] section of the config), depending on the app's
// latest applied migration in django_migrations (or --django-dependency); with -o PROJECT_DIR
// the models' Meta.indexes get the indexes too. Both are rendered into the JSON report
// (`migrations`) and written from it, as `pgadvisor report --migration` does
// (cli/migration/migration_output.hpp says where the files go).
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "advisor/django/map_models.hpp"

namespace pgadvisor {

struct MigrationCommandOptions {
  std::string kind;  // "", "sql" or "django"
  DjangoMappingOptions django;  // --django-dependency and the config's [django.models]
};

void add_migration_options(CLI::App* audit, MigrationCommandOptions& options);

// What the audit's Django mapping stage reads: always (for the report's migrations), required
// only with --migration django.
std::optional<DjangoMappingOptions> django_mapping_options(const MigrationCommandOptions& options);

// Writes the migration `kind` ("sql" or "django") of the JSON report `report` (its `migrations`)
// to `output` (a file, or for several Django apps a directory; empty: standard output); `what`
// names the report in messages. Throws FatalError for what makes it impossible (a table no model
// maps to is a comment in the migration and a line on standard error, not an error).
void write_migration(const std::string& kind, const nlohmann::json& report, const std::string& output,
                     const std::string& what);

}  // namespace pgadvisor
