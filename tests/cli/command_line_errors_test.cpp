// The command line's errors: every line starts with `pgadvisor:`, an unknown subcommand or option
// gets the nearest known one, and nearest_word's rule (typos and unique prefixes, nothing far).
#include <catch2/catch.hpp>

#include "cli/command_line_errors.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

bool every_line_prefixed(const std::string& text) {
  size_t start = 0;
  while (start < text.size()) {
    if (text.compare(start, 11, "pgadvisor: ") != 0) return false;
    size_t end = text.find('\n', start);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return !text.empty();
}

}  // namespace

TEST_CASE("nearest_word: typos, swaps and unique prefixes, nothing far", "[cli][errors]") {
  const std::vector<std::string> commands{"audit", "replay", "templates", "report", "setup-role", "completion"};
  CHECK(nearest_word("adit", commands) == "audit");
  CHECK(nearest_word("aduit", commands) == "audit");    // a swap counts one
  CHECK(nearest_word("repot", commands) == "report");   // report (1) before replay (3)
  CHECK(nearest_word("templ", commands) == "templates");  // the only prefix
  CHECK(nearest_word("re", commands).empty());          // too short to guess from
  CHECK(nearest_word("vacuum", commands).empty());
  const std::vector<std::string> options{"--fail-on", "--format", "--baseline", "--budget"};
  CHECK(nearest_word("--fial-on", options) == "--fail-on");
  CHECK(nearest_word("--budgte", options) == "--budget");
  CHECK(nearest_word("--fromat", options) == "--format");
}

TEST_CASE("command line errors: pgadvisor: on every line and a did-you-mean", "[cli][errors]") {
  CommandResult command = run_pgadvisor("adit --log x.log");
  CHECK(command.exit_code == 2);
  INFO(command.err);
  CHECK(every_line_prefixed(command.err));
  CHECK(command.err.find("did you mean `pgadvisor audit`?") != std::string::npos);

  CommandResult option = run_pgadvisor("audit --log x.log --fial-on high");
  CHECK(option.exit_code == 2);
  INFO(option.err);
  CHECK(every_line_prefixed(option.err));
  CHECK(option.err.find("--fial-on") != std::string::npos);
  CHECK(option.err.find("did you mean --fail-on?") != std::string::npos);
  CHECK(option.err.find("pgadvisor: see `pgadvisor audit --help`") != std::string::npos);

  CommandResult value = run_pgadvisor("audit --log x.log --format pdf");
  CHECK(value.exit_code == 2);
  CHECK(every_line_prefixed(value.err));

  CommandResult help = run_pgadvisor("audit --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--fail-on") != std::string::npos);
}
