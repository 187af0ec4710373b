// The Django migrations a database has applied, from django_migrations: the latest one of an
// app, which a new migration of that app depends on. A database without a readable
// django_migrations table has none; reading throws DatabaseError only when the catalog itself
// cannot be read.
#pragma once

#include <optional>
#include <string>

#include "plans/pg/session.hpp"

namespace pgadvisor {

// The name of `app`'s latest applied migration ("0003_post_slug"), by applied time then id;
// nullopt when the app has none or django_migrations does not exist (through search_path) or
// may not be read by the session's role.
std::optional<std::string> latest_applied_migration(Transaction& tx, const std::string& app);

}  // namespace pgadvisor
