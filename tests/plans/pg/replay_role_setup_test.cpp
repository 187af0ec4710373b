// The replay role's SQL, pure: every attribute that would give it power is denied, memberships
// are revoked, sequences are not granted, writes only on request, names quoted.
#include <catch2/catch.hpp>

#include "plans/pg/replay_role_setup.hpp"

using namespace pgadvisor;

TEST_CASE("the replay role's SQL grants reads and denies every power replay does not need", "[role]") {
  ReplayRoleSpec spec;
  spec.role = "Replay Role";
  spec.database = "blog";
  spec.schemas = {"public", "Sales"};
  spec.writes = false;
  const std::string sql = replay_role_sql(spec);
  CHECK(sql.find("CREATE ROLE \"Replay Role\"") != std::string::npos);
  CHECK(sql.find("NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS") != std::string::npos);
  CHECK(sql.find("REVOKE %I FROM %I") != std::string::npos);
  CHECK(sql.find("GRANT CONNECT ON DATABASE blog TO \"Replay Role\"") != std::string::npos);
  CHECK(sql.find("GRANT SELECT ON ALL TABLES IN SCHEMA \"Sales\" TO \"Replay Role\"") != std::string::npos);
  CHECK(sql.find("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM \"Replay Role\"") != std::string::npos);
  CHECK(sql.find("INSERT, UPDATE, DELETE") == std::string::npos);
  CHECK(sql.rfind("COMMIT;\n") == sql.size() - 8);

  spec.writes = true;
  spec.login = true;
  const std::string writes = replay_role_sql(spec);
  CHECK(writes.find("GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \"Replay Role\"") != std::string::npos);
  CHECK(writes.find(" LOGIN NOSUPERUSER") != std::string::npos);
}
