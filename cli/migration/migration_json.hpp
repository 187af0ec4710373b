// The migrations an audit renders, kept in its JSON report (`migrations`) so that
// `pgadvisor report REPORT.json --migration sql|django` writes, without a database, exactly what
// `audit --migration` would have: the SQL migration's text always; the Django migrations (each
// file with its content and the models.Index of each operation for the models' Meta.indexes,
// and the warnings) when the audit read the Django mapping (a Django database, or --migration
// django), null otherwise.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "advisor/model/advice.hpp"
#include "cli/migration/migration_django.hpp"

namespace pgadvisor {

struct RenderedMigrations {
  std::string sql;
  std::optional<DjangoMigrations> django;  // nullopt: the audit did not read the Django mapping
  std::string django_missing;              // then why, one sentence
  bool django_failed = false;              // ... because reading the models failed (not: never tried)
  bool no_indexes = false;                 // the audit proposed no index
  bool interrupted = false;                // Ctrl-C ended the audit
};

// The report's `migrations` key.
nlohmann::json migrations_to_json(const Advice& advice);

// The migrations of a JSON report; FatalError(Usage) when it has none (an older pgadvisor's) or
// they are malformed, `what` naming the file in the message.
RenderedMigrations migrations_from_report(const nlohmann::json& report, const std::string& what);

}  // namespace pgadvisor
