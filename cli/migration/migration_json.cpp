#include "cli/migration/migration_json.hpp"

#include "cli/migration/migration_sql.hpp"
#include "plans/fatal_error.hpp"

namespace pgadvisor {
namespace {

using nlohmann::json;

json file_json(const DjangoMigrationFile& file) {
  json indexes = json::array();
  for (const auto& index : file.model_indexes)
    indexes.push_back({{"model", index.model}, {"name", index.name}, {"index", index.index}, {"imports", index.imports}});
  return {{"app_label", file.app_label},   {"file_name", file.file_name},   {"content", file.content},
          {"operations", file.operations}, {"model_indexes", indexes}};
}

DjangoMigrationFile file_of(const json& item) {
  DjangoMigrationFile file;
  file.app_label = item.at("app_label").get<std::string>();
  file.file_name = item.at("file_name").get<std::string>();
  file.content = item.at("content").get<std::string>();
  file.operations = item.at("operations").get<size_t>();
  for (const auto& index : item.at("model_indexes"))
    file.model_indexes.push_back({index.at("model").get<std::string>(), index.at("name").get<std::string>(),
                                  index.at("index").get<std::string>(),
                                  index.at("imports").get<std::vector<std::string>>()});
  if (file.app_label.empty() || file.file_name.empty() || file.file_name.find('/') != std::string::npos ||
      file.app_label.find('/') != std::string::npos || file.app_label[0] == '.' || file.file_name[0] == '.')
    throw std::invalid_argument("a Django migration file is named '" + file.app_label + "/" + file.file_name + "'");
  return file;
}

// Why a report has no Django migrations: the mapping stage failed, or never ran.
void explain_missing_django(const json& report, RenderedMigrations& out) {
  out.django_failed = true;
  for (const auto& stage : report.value("stages", json::array()))
    if (stage.value("name", "") == "django mapping" && stage.value("outcome", "") == "failed") {
      out.django_missing = "reading the Django models failed: " + stage.value("error", std::string());
      return;
    }
  for (const auto& diagnostic : report.value("diagnostics", json::array()))
    if (diagnostic.value("source", "") == "django mapping") {
      out.django_missing = diagnostic.value("message", std::string());
      return;
    }
  out.django_failed = false;
  out.django_missing = "the audited database has no django_migrations table and [django.models] names none of its "
                       "tables, so the audit read no Django models: audit again with --migration django (and "
                       "[django.models] in pgadvisor.toml)";
}

}  // namespace

json migrations_to_json(const Advice& advice) {
  json out = {{"sql", sql_migration(advice)}, {"django", nullptr}};
  if (!advice.django) return out;
  DjangoMigrations django = django_migrations(advice, *advice.django);
  json files = json::array();
  for (const auto& file : django.files) files.push_back(file_json(file));
  std::vector<std::string> warnings = advice.django->warnings;
  warnings.insert(warnings.end(), django.warnings.begin(), django.warnings.end());
  out["django"] = {{"files", files}, {"warnings", warnings}, {"unmapped_comment", django.unmapped_comment}};
  return out;
}

RenderedMigrations migrations_from_report(const json& report, const std::string& what) {
  if (!report.contains("migrations"))
    throw FatalError(FatalKind::Usage, what + ": the report has no migrations (a report of an older pgadvisor): "
                                              "run the audit again");
  RenderedMigrations out;
  try {
    const json& migrations = report.at("migrations");
    out.sql = migrations.at("sql").get<std::string>();
    out.no_indexes = report.at("indexes").empty();
    out.interrupted = report.value("interrupted", false);
    const json& django = migrations.at("django");
    if (django.is_null()) {
      explain_missing_django(report, out);
      return out;
    }
    DjangoMigrations result;
    for (const auto& item : django.at("files")) result.files.push_back(file_of(item));
    result.warnings = django.at("warnings").get<std::vector<std::string>>();
    result.unmapped_comment = django.at("unmapped_comment").get<std::string>();
    out.django = std::move(result);
  } catch (const std::exception& error) {  // json type and key errors, a bad file name
    throw FatalError(FatalKind::Usage, what + ": its migrations are malformed: " + error.what());
  }
  return out;
}

}  // namespace pgadvisor
