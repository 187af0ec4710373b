#include "plans/pg/django_migrations.hpp"

namespace pgadvisor {
namespace {

// NULL (not false) when the table is missing: to_regclass gives NULL and so does the privilege test.
const char* kMigrationsReadable = R"SQL(
SELECT coalesce(has_table_privilege(t.oid, 'SELECT'), false)
  FROM (SELECT to_regclass('django_migrations') AS oid) AS t
)SQL";

const char* kLatest = "SELECT name FROM django_migrations WHERE app = $1 ORDER BY applied DESC, id DESC LIMIT 1";

}  // namespace

std::optional<std::string> latest_applied_migration(Transaction& tx, const std::string& app) {
  Rows readable = tx.query(kMigrationsReadable);
  if (readable.empty() || readable[0].empty() || readable[0][0].value_or("f") != "t") return std::nullopt;
  Rows rows = tx.query(kLatest, {app});
  if (rows.empty() || rows[0].empty() || !rows[0][0]) return std::nullopt;
  return *rows[0][0];
}

}  // namespace pgadvisor
