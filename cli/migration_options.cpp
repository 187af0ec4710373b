#include "cli/migration_options.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <set>

#include "cli/migration/migration_django.hpp"
#include "cli/migration/migration_sql.hpp"
#include "cli/log_options.hpp"
#include "plans/json_text.hpp"
#include "plans/output_file.hpp"
#include "plans/ascii_case.hpp"
#include "plans/fatal_error.hpp"

namespace pgadvisor {
namespace {

namespace fs = std::filesystem;

// The mapping the pipeline's Django mapping stage read, or why there is none.
const DjangoMapping& mapping_of(const Advice& advice) {
  if (advice.django) return *advice.django;
  std::string why = "the stage did not run";
  for (const auto& stage : advice.stages)
    if (stage.name == "django mapping") why = stage.error.empty() ? stage_outcome_name(stage.outcome) : stage.error;
  throw FatalError(FatalKind::Connection, "--migration django: reading the Django models failed: " + why);
}

// Writes one app's file under the project directory `dir`; false when DIR/<app> does not exist.
bool write_into_project(const fs::path& dir, const DjangoMigrationFile& file) {
  fs::path app = dir / file.app_label;
  if (!fs::is_directory(app)) return false;
  fs::path migrations = app / "migrations";
  std::error_code error;
  if (!fs::is_directory(migrations)) {
    if (!fs::create_directory(migrations, error) && error)
      throw FatalError(FatalKind::Input, "cannot create " + migrations.string() + ": " + error.message());
    write_output((migrations / "__init__.py").string(), "");
  }
  std::string number = file.file_name.substr(0, 5);  // "0002_"
  for (const auto& entry : fs::directory_iterator(migrations, error)) {
    std::string name = entry.path().filename().string();
    if (name != file.file_name && name.rfind(number, 0) == 0 && entry.path().extension() == ".py")
      std::cerr << "--migration django: " << migrations.string() << " already has " << name
                << ", which the audited database has not applied: check the new migration's dependency\n";
  }
  write_output((migrations / file.file_name).string(), visible_utf8(file.content));
  std::cerr << "--migration django: wrote " << (migrations / file.file_name).string() << "\n";
  return true;
}

void write_django(const Advice& advice, const std::string& output) {
  bool into_dir = !output.empty() && fs::is_directory(output);
  if (advice.indexes.empty()) {
    std::string text = comment_lines("# ", "pgadvisor audit --migration django: no index proposed, so no migration.");
    if (into_dir) std::cerr << "--migration django: no index proposed, no migration written\n";
    else emit_report(output, text);
    return;
  }
  if (!advice.django && advice.interrupted) {  // Ctrl-C came before the stage: exit 130 says the rest
    std::cerr << "--migration django: interrupted before the Django models were read: no migration written\n";
    return;
  }
  const DjangoMapping& mapping = mapping_of(advice);
  for (const auto& warning : mapping.warnings) std::cerr << warning << "\n";
  DjangoMigrations result = django_migrations(advice, mapping);
  for (const auto& warning : result.warnings) std::cerr << warning << "\n";
  if (result.files.empty()) {
    std::string text = comment_lines("# ", "pgadvisor audit --migration django: no proposed index is on a Django model.") +
                       result.unmapped_comment;
    if (into_dir) std::cerr << "--migration django: no proposed index is on a Django model, no migration written\n";
    else emit_report(output, text);
    return;
  }
  if (!output.empty() && !into_dir && result.files.size() > 1) {
    std::string apps;
    for (const auto& file : result.files) apps += (apps.empty() ? "" : ", ") + file.app_label;
    throw FatalError(FatalKind::Usage, "--migration django: the indexes belong to several apps (" + apps +
                                           "): -o must name an existing directory, the Django project's");
  }
  if (!output.empty() && !into_dir) {
    write_output(output, visible_utf8(result.files[0].content));
    return;
  }
  std::string printed;
  for (const auto& file : result.files) {
    if (into_dir && write_into_project(output, file)) continue;
    if (into_dir)
      std::cerr << "--migration django: " << (fs::path(output) / file.app_label).string()
                << " does not exist (an app outside the project?): its migration is printed on standard output\n";
    if (result.files.size() > 1 || into_dir)
      printed += std::string(printed.empty() ? "" : "\n") + "# file: " + file.app_label + "/migrations/" + file.file_name + "\n";
    printed += file.content;
  }
  if (!printed.empty()) std::cout << printed << std::flush;
}

}  // namespace

void add_migration_options(CLI::App* audit, MigrationCommandOptions& options) {
  audit->add_option("--migration", options.kind,
                    "write the proposed indexes as a migration instead of the report: sql (CREATE INDEX CONCURRENTLY\n"
                    "for psql) or django (an AddIndexConcurrently migration per app; -o names the file, or with\n"
                    "several apps the Django project's directory)")
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

void write_migration(const MigrationCommandOptions& options, const Advice& advice, const std::string& output) {
  if (options.kind == "sql") emit_report(output, sql_migration(advice));
  else if (options.kind == "django") write_django(advice, output);
  else throw FatalError(FatalKind::Usage, "--migration: expected sql or django, got '" + options.kind + "'");
}

}  // namespace pgadvisor
