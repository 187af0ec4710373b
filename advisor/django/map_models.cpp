#include "advisor/django/map_models.hpp"

#include <algorithm>
#include <optional>

#include "plans/ascii_case.hpp"
#include "plans/fatal_error.hpp"
#include "plans/pg/django_migrations.hpp"
#include "plans/pg/django_models.hpp"
#include "plans/pg/foreign_keys.hpp"
#include "plans/pg/relation_catalog.hpp"

namespace pgadvisor {
namespace {

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

}  // namespace

std::map<std::string, std::string> parse_django_dependencies(const std::string& text) {
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

DjangoMapping map_to_django_models(Session& session, const DjangoMappingOptions& options,
                                   const std::vector<IndexProposal>& indexes) {
  DjangoMapping mapping;
  std::map<std::string, std::string> given = parse_django_dependencies(options.dependency);
  std::vector<std::string> tables;
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    std::vector<DjangoModel> models = read_django_models(tx);
    for (const auto& proposal : indexes) {
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
  for (const auto& [app, name] : given)
    if (!mapping.dependencies.count(app))
      mapping.warnings.push_back("--migration django: --django-dependency " + app + "." + name +
                                 ": no proposed index is on a model of app " + app);
  return mapping;
}

std::optional<DjangoMapping> django_mapping_stage(Session& session, const DjangoMappingOptions& options,
                                                  const std::vector<IndexProposal>& indexes, Diagnostics& diagnostics) {
  if (options.required) return map_to_django_models(session, options, indexes);
  try {
    bool django = !options.models.empty();
    if (!django)
      session.rolled_back(TransactionMode::ReadOnly,
                          [&](Transaction& tx) { django = table_readable(tx, "django_migrations"); });
    if (!django) return std::nullopt;
    return map_to_django_models(session, options, indexes);
  } catch (const DatabaseError& error) {
    diagnostics.push_back({"django mapping", 0,
                           std::string("the Django models of the proposed indexes could not be read, so the report "
                                       "has no Django migration: ") + error.what(), ""});
    return std::nullopt;
  }
}

}  // namespace pgadvisor
