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
#include "plans/pg/django_migrations.hpp"
#include "plans/pg/django_models.hpp"
#include "plans/pg/foreign_keys.hpp"

namespace pgadvisor {
namespace {

namespace fs = std::filesystem;

// "app.name[,app.name...]" -> app -> name.
std::map<std::string, std::string> parse_dependencies(const std::string& text) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(start, end - start);
    size_t dot = item.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == item.size())
      throw FatalError(FatalKind::Usage, "expected app_label.migration_name, got '" + item + "'");
    out[item.substr(0, dot)] = item.substr(dot + 1);
    start = end + 1;
  }
  return out;
}

// The [django.models] entry for `table` ("blog_post", "public.blog_post"), as app and model name.
std::optional<DjangoModelRef> configured_model(const std::map<std::string, std::string>& models, const IndexDefinition& d) {
  std::vector<std::string> names = {d.qualified_table()};
  if (d.schema.empty()) names.push_back("public." + d.table);
  if (d.schema == "public") names.push_back(d.table);
  for (const auto& [table, model] : models)
    for (const auto& name : names)
      if (ascii_lower(table) == ascii_lower(name)) {
        size_t dot = model.find('.');
        if (dot == std::string::npos || dot == 0 || dot + 1 == model.size())
          throw FatalError(FatalKind::Usage, "[django.models] " + table + ": expected \"app_label.ModelName\"");
        return DjangoModelRef{model.substr(0, dot), ascii_lower(model.substr(dot + 1))};
      }
  return std::nullopt;
}

DjangoMapping read_mapping(const MigrationCommandOptions& options, const Advice& advice, const std::string& dsn) {
  DjangoMapping mapping;
  std::map<std::string, std::string> given = parse_dependencies(options.dependency);
  std::vector<std::string> tables;
  Session session(dsn, options.session);
  try {
    session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
      std::vector<DjangoModel> models = read_django_models(tx);
      for (const auto& proposal : advice.indexes) {
        const IndexDefinition& definition = proposal.candidate.definition;
        std::string table = definition.qualified_table();
        if (mapping.models.count(table) || std::find(tables.begin(), tables.end(), table) != tables.end()) continue;
        tables.push_back(table);
        if (auto configured = configured_model(options.models, definition)) mapping.models[table] = *configured;
        else if (const DjangoModel* model = model_for_table(models, table))
          mapping.models[table] = {model->app_label, model->model};
      }
      for (const auto& key : read_foreign_keys(tx, tables))
        if (key.columns.size() == 1) mapping.foreign_key_columns[key.table].insert(key.columns[0]);
      for (const auto& [table, model] : mapping.models) {
        const std::string& app = model.app_label;
        if (mapping.dependencies.count(app)) continue;
        auto named = given.find(app);
        if (named != given.end()) mapping.dependencies[app] = named->second;
        else if (auto latest = latest_applied_migration(tx, app)) mapping.dependencies[app] = *latest;
      }
    });
  } catch (const DatabaseError& error) {
    throw FatalError(FatalKind::Connection, std::string("--migration django: reading the Django models failed: ") + error.what());
  }
  for (const auto& [app, name] : given)
    if (!mapping.dependencies.count(app))
      std::cerr << "--migration django: --django-dependency " << app << "." << name << ": no proposed index is on a model of app "
                << app << "\n";
  return mapping;
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

void write_django(const MigrationCommandOptions& options, const Advice& advice, const std::string& dsn,
                  const std::string& output) {
  bool into_dir = !output.empty() && fs::is_directory(output);
  if (advice.indexes.empty()) {
    std::string text = comment_lines("# ", "pgadvisor audit --migration django: no index proposed, so no migration.");
    if (into_dir) std::cerr << "--migration django: no index proposed, no migration written\n";
    else emit_report(output, text);
    return;
  }
  DjangoMigrations result = django_migrations(advice, read_mapping(options, advice, dsn));
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
  audit->add_option("--django-dependency", options.dependency,
                    "what the Django migration depends on, app_label.migration_name (comma-separated for several\n"
                    "apps; default: the app's latest migration applied in the database, from django_migrations)")
      ->check(
          [](const std::string& text) {
            try {
              parse_dependencies(text);
              return std::string();
            } catch (const FatalError& error) {
              return std::string(error.what());
            }
          },
          "app_label.migration_name")
      ->group("Django");
}

void write_migration(const MigrationCommandOptions& options, const Advice& advice, const std::string& dsn,
                     const std::string& output) {
  if (options.kind == "sql") emit_report(output, sql_migration(advice));
  else if (options.kind == "django") write_django(options, advice, dsn, output);
  else throw FatalError(FatalKind::Usage, "--migration: expected sql or django, got '" + options.kind + "'");
}

}  // namespace pgadvisor
