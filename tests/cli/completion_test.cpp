// `pgadvisor completion bash` through the binary: the script loads in bash and completes
// subcommands, a subcommand's options and an option's fixed values.
#include <catch2/catch.hpp>
#include <fstream>

#include "tests/support/test_database.hpp"

using namespace pgadvisor::testing;

namespace {

// COMPREPLY for the words typed so far (the last one being completed).
std::string complete(const std::string& script_path, const std::string& words) {
  std::string command = "bash -c " + shell_quote("source " + script_path + "; COMP_WORDS=(" + words +
                                                 "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _pgadvisor; "
                                                 "echo \"${COMPREPLY[*]}\"") +
                        " > /tmp/pgadvisor-completion.out 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  std::ifstream in("/tmp/pgadvisor-completion.out");
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

TEST_CASE("the bash completion completes subcommands, options and values", "[cli][completion]") {
  CommandResult script = run_pgadvisor("completion bash");
  REQUIRE(script.exit_code == 0);
  std::string path = "/tmp/pgadvisor-completion.bash";
  std::ofstream(path) << script.out;
  CHECK(complete(path, "pgadvisor au") == "audit");
  CHECK(complete(path, "pgadvisor audit --fail") == "--fail-on");
  CHECK(complete(path, "pgadvisor audit --format ''") == "text json markdown html");
  CHECK(complete(path, "pgadvisor audit --migration d") == "django");
  CHECK(complete(path, "pgadvisor templates --format ''") == "text json");  // its own values
  CHECK(complete(path, "pgadvisor replay --budget") == "");  // an audit option, not replay's
  CHECK(run_pgadvisor("completion zsh").exit_code == 2);
}
