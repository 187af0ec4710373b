// `pgadvisor completion bash` through the binary: the script loads in bash and completes
// subcommands, a subcommand's options and an option's fixed values.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor::testing;

namespace {

// COMPREPLY for the words typed so far (the last one being completed), with the script saved in
// `dir` as completion.bash.
std::string complete(const TempDir& dir, const std::string& words) {
  const std::string reply = dir.file("reply.out");
  std::string command = "bash -c " + shell_quote("source " + shell_quote(dir.file("completion.bash")) + "; COMP_WORDS=(" +
                                                 words + "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _pgadvisor; "
                                                 "echo \"${COMPREPLY[*]}\"") +
                        " > " + shell_quote(reply) + " 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  std::ifstream in(reply);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

TEST_CASE("the bash completion completes subcommands, options and values", "[cli][completion]") {
  CommandResult script = run_pgadvisor("completion bash");
  REQUIRE(script.exit_code == 0);
  const TempDir dir("completion");
  {
    std::ofstream out(dir.file("completion.bash"));
    out << script.out;
    REQUIRE(out.good());
  }
  CHECK(complete(dir, "pgadvisor au") == "audit");
  CHECK(complete(dir, "pgadvisor audit --fail") == "--fail-on");
  CHECK(complete(dir, "pgadvisor audit --format ''") == "text json markdown html");
  CHECK(complete(dir, "pgadvisor audit --migration d") == "django");
  CHECK(complete(dir, "pgadvisor templates --format ''") == "text json");  // its own values
  CHECK(complete(dir, "pgadvisor replay --budget") == "");  // an audit option, not replay's
  CHECK(run_pgadvisor("completion zsh").exit_code == 2);
}
