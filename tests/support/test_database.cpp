#include "tests/support/test_database.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace pgadvisor::testing {

std::string fixture_path(const std::string& relative) { return std::string(PGADVISOR_SOURCE_DIR) + "/fixtures/" + relative; }

std::string test_dsn() {
  const char* dsn = std::getenv("PGADVISOR_TEST_DSN");
  if (!dsn || !*dsn) FAIL("PGADVISOR_TEST_DSN is not set: run the suite with scripts/test, which starts the sandbox");
  return dsn;
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

int run_shell(const std::string& command) {
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

CommandResult run_pgadvisor(const std::string& arguments) { return run_pgadvisor_within(0, arguments); }

CommandResult run_pgadvisor_within(int seconds, const std::string& arguments) {
  return run_program(PGADVISOR_BINARY, arguments, seconds);
}

CommandResult run_program(const std::string& program, const std::string& arguments, int seconds) {
  char out_path[] = "/tmp/pgadvisor-test-out.XXXXXX";
  char err_path[] = "/tmp/pgadvisor-test-err.XXXXXX";
  int out_fd = mkstemp(out_path);
  int err_fd = mkstemp(err_path);
  // stdin is /dev/null unless `arguments` redirects it (the later redirection wins)
  std::string limit = seconds > 0 ? "timeout -s KILL " + std::to_string(seconds) + " " : "";
  std::string command = limit + program + " </dev/null " + arguments + " >" + out_path + " 2>" + err_path;
  int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_text_file(out_path);
  result.err = read_text_file(err_path);
  std::remove(out_path);
  std::remove(err_path);
  if (out_fd >= 0) close(out_fd);
  if (err_fd >= 0) close(err_fd);
  return result;
}

namespace {
std::string admin_dsn() {
  const char* dsn = std::getenv("PGADVISOR_TEST_ADMIN_DSN");
  if (!dsn || !*dsn) FAIL("PGADVISOR_TEST_ADMIN_DSN is not set: run the suite with scripts/test");
  return dsn;
}

}  // namespace

// Runs `sql` as a script (statement by statement, as psql -f does: VACUUM may be in it).
void run_psql(const std::string& dsn, const std::string& sql) {
  const TempDir dir("psql");
  const std::string script = dir.file("script.sql");
  {
    std::ofstream out(script);
    out << sql << "\n";
  }
  std::string command = "/usr/lib/postgresql/15/bin/psql -X -q -v ON_ERROR_STOP=1 -d " + shell_quote(dsn) +
                        " -f " + shell_quote(script) + " >/dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
}

std::string admin_dsn_for(const std::string& name) {
  std::string dsn = admin_dsn();
  size_t at = dsn.find("dbname=");
  REQUIRE(at != std::string::npos);
  return dsn.substr(0, at) + "dbname=" + name;
}

std::string scratch_database(const std::string& name, const std::string& sql) {
  std::string admin = admin_dsn();
  run_psql(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  run_psql(admin, "CREATE DATABASE " + name + " TEMPLATE template0");
  std::string dsn = admin_dsn_for(name);
  run_psql(dsn, sql);
  return dsn;
}

std::string hard_case_dsn() {
  static const std::string dsn = [] {
    std::string command = shell_quote(fixture_path("blog/load")) + " " + shell_quote(admin_dsn()) +
                          " --db blog_hard_case --assignees 400000 >/dev/null";
    if (std::system(command.c_str()) != 0) FAIL("fixtures/blog/load --assignees 400000 failed");
    return admin_dsn_for("blog_hard_case");
  }();
  return dsn;
}

std::vector<std::string> database_checksum(Session& session) {
  std::vector<std::string> lines;
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    Rows tables = tx.query(
        "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1");
    for (const auto& table : tables) {
      Rows sum = tx.query("SELECT count(*) || ':' || coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') FROM " +
                          *table[0] + " AS t");
      lines.push_back(*table[0] + " " + *sum[0][0]);
    }
    Rows sequences = tx.query(
        "SELECT format('%I.%I', schemaname, sequencename) FROM pg_sequences ORDER BY 1");
    for (const auto& sequence : sequences) {
      Rows value = tx.query("SELECT last_value || ':' || is_called FROM " + *sequence[0]);
      lines.push_back(*sequence[0] + " " + *value[0][0]);
    }
    Rows schema = tx.query(
        "SELECT md5(string_agg(format('%s.%s %s %s', c.relname, a.attname, a.atttypid, c.relkind), ',' "
        "ORDER BY c.relname, a.attnum)) FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')");
    lines.push_back("schema " + schema[0][0].value_or(""));
    // Locks left by a client session of this database (autovacuum's are its own business; a run
    // connects here only, and other runs sharing the sandbox work in other databases).
    Rows locks = tx.query(
        "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.pid <> pg_backend_pid() AND a.backend_type = 'client backend' AND a.datname = current_database()");
    lines.push_back("client sessions' locks " + *locks[0][0]);
  });
  return lines;
}

}  // namespace pgadvisor::testing
