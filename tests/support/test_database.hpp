// Test support: the sandbox database the PostgreSQL-tagged tests run against (scripts/test
// starts it and loads fixtures/blog), fixture paths, running the pgadvisor binary, and a
// checksum of every table, sequence and the schema to prove a run changed nothing.
// A missing sandbox fails the test with a message; it is never skipped.
#pragma once

#include <string>
#include <vector>

#include "plans/pg/session.hpp"
#include "tests/support/temp_dir.hpp"

namespace pgadvisor::testing {

std::string fixture_path(const std::string& relative);  // under the source tree's fixtures/
std::string test_dsn();                                  // PGADVISOR_TEST_DSN, or a failed test

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs build/pgadvisor with `arguments` (already shell-quoted as needed).
CommandResult run_pgadvisor(const std::string& arguments);
// The same, killed after `seconds` if it has not ended by then (exit code 137): for tests of
// what must never hang.
CommandResult run_pgadvisor_within(int seconds, const std::string& arguments);

// Runs the executable `program` with `arguments`, killed after `seconds` when positive.
CommandResult run_program(const std::string& program, const std::string& arguments, int seconds = 0);

// Runs `command` with /bin/sh; its exit status (-1 when it did not exit).
int run_shell(const std::string& command);

// Runs `sql` with psql as a script (ON_ERROR_STOP) on `dsn`; fails the test when psql does.
void run_psql(const std::string& dsn, const std::string& sql);
// The sandbox superuser's connection string to database `name`.
std::string admin_dsn_for(const std::string& name);

// One line per table (rows' md5), per sequence (last_value, is_called), one for the schema and
// one for the locks client sessions of this database hold.
std::vector<std::string> database_checksum(Session& session);

std::string shell_quote(const std::string& text);

// The older name of TempDir (tests/support/temp_dir.hpp): a fresh directory, removed with
// everything in it when the test ends (failed too).
using ScratchDirectory = TempDir;

// The whole file; empty when it cannot be read.
std::string read_text_file(const std::string& path);

// A fresh database made from template0 (so without hypopg) in the sandbox, set up with `sql` run
// by psql as the sandbox's superuser (PGADVISOR_TEST_ADMIN_DSN); returns its connection string.
std::string scratch_database(const std::string& name, const std::string& sql);

// The blog fixture's hard case (fixtures/blog/load --assignees 400000) as database
// blog_hard_case, loaded once per test run; its connection string.
std::string hard_case_dsn();

}  // namespace pgadvisor::testing
