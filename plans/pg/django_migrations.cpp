#include "plans/pg/django_migrations.hpp"

#include "plans/pg/relation_catalog.hpp"

namespace pgadvisor {
namespace {

const char* kLatest = "SELECT name FROM django_migrations WHERE app = $1 ORDER BY applied DESC, id DESC LIMIT 1";

}  // namespace

std::optional<std::string> latest_applied_migration(Transaction& tx, const std::string& app) {
  if (!table_readable(tx, "django_migrations")) return std::nullopt;
  Rows rows = tx.query(kLatest, {app});
  if (rows.empty() || rows[0].empty() || !rows[0][0]) return std::nullopt;
  return *rows[0][0];
}

}  // namespace pgadvisor
