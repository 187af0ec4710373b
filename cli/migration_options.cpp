#include "cli/migration_options.hpp"

#include "cli/migration/migration_output.hpp"
#include "plans/fatal_error.hpp"

namespace pgadvisor {

void add_migration_options(CLI::App* audit, MigrationCommandOptions& options) {
  audit->add_option("--migration", options.kind,
                    "write the proposed indexes as a migration instead of the report: sql (CREATE INDEX CONCURRENTLY\n"
                    "for psql) or django (an AddIndexConcurrently migration per app; -o names the file, or with\n"
                    "several apps the Django project's directory, whose models' Meta.indexes get the indexes too);\n"
                    "-o sql:FILE and -o django:DIR write them beside the reports of the same audit")
      ->check(CLI::IsMember({"sql", "django"}))
      ->group("Report");
  audit->add_option("--django-dependency", options.django.dependency,
                    "what the Django migration depends on, app_label.migration_name (comma-separated for several\n"
                    "apps; default: the app's latest migration applied in the database, from django_migrations)")
      ->check(
          [](const std::string& text) {
            try {
              parse_django_dependencies(text);
              return std::string();
            } catch (const FatalError& error) {
              return std::string(error.what());
            }
          },
          "app_label.migration_name")
      ->group("Django");
}

std::optional<DjangoMappingOptions> django_mapping_options(const MigrationCommandOptions& options) {
  DjangoMappingOptions django = options.django;
  django.required = options.kind == "django";
  return django;
}

void write_migration(const std::string& kind, const nlohmann::json& report, const std::string& output,
                     const std::string& what) {
  write_rendered_migration(kind, migrations_from_report(report, what), output);
}

}  // namespace pgadvisor
