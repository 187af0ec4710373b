// The Django mapping stage of an audit (with --migration django, or for the report's migrations
// when the database is a Django project's): which Django model each
// proposed index's table belongs to (the [django.models] entries of the configuration first,
// then django_content_type and Django's db_table convention), the single-column foreign keys
// of those tables (a field `author` has the column author_id), and the migration each app's new
// migration depends on (--django-dependency, else the app's latest migration applied in
// django_migrations). Reads the catalogs in one rolled-back READ ONLY transaction; a catalog
// error throws DatabaseError (the stage fails; the migration writer says so).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "advisor/model/django_mapping.hpp"
#include "advisor/model/index_proposal.hpp"
#include "plans/diagnostic.hpp"
#include "plans/pg/session.hpp"

namespace pgadvisor {

struct DjangoMappingOptions {
  std::map<std::string, std::string> models;  // table -> "app_label.ModelName" ([django.models])
  std::string dependency;                     // --django-dependency app.0003_name[,app2.0007_name]
  // true (--migration django): always read, and an error fails the stage. false (every other
  // audit, for the report's migrations): read only when the database has django_migrations or
  // [django.models] names a table, and an error is a diagnostic.
  bool required = true;
};

// "app.name[,app.name...]" -> app -> name; FatalError(Usage) naming the item that is not one.
std::map<std::string, std::string> parse_django_dependencies(const std::string& text);

// FatalError(Usage) for a [django.models] entry that is not "app_label.ModelName".
DjangoMapping map_to_django_models(Session& session, const DjangoMappingOptions& options,
                                   const std::vector<IndexProposal>& indexes);

// The stage: map_to_django_models as `options.required` says; nullopt when it is not required
// and the database is not a Django project's (or reading failed: a diagnostic says why).
std::optional<DjangoMapping> django_mapping_stage(Session& session, const DjangoMappingOptions& options,
                                                  const std::vector<IndexProposal>& indexes, Diagnostics& diagnostics);

}  // namespace pgadvisor
