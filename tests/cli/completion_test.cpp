// `pgadvisor completion bash|zsh|fish` through the binary: each script loads in its real shell
// and completes subcommands, a subcommand's options (with their help in zsh and fish) and an
// option's fixed values.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <iterator>

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
  CHECK(complete(dir, "pgadvisor audit --skip-stage ''") == "rewrites verify finding-savings");
  CHECK(complete(dir, "pgadvisor replay --skip-stage") == "");  // an audit option: replay has no later stages
  CHECK(complete(dir, "pgadvisor templates --format ''") == "text json");  // its own values
  CHECK(complete(dir, "pgadvisor replay --budget") == "");  // an audit option, not replay's
  CHECK(complete(dir, "pgadvisor audit --log ''").empty() == false);  // file names (the sandbox's cwd has some)
  CHECK(complete(dir, "pgadvisor completion ''") == "bash zsh fish");
  CommandResult unknown = run_pgadvisor("completion powershell");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.rfind("pgadvisor: ", 0) == 0);
}

namespace {

// Runs `script` (a shell command line) and returns its standard output; fails the test when the
// shell fails.
std::string shell_output(const TempDir& dir, const std::string& command) {
  const std::string out = dir.file("shell.out");
  REQUIRE(std::system((command + " > " + shell_quote(out) + " 2>&1").c_str()) == 0);
  std::ifstream in(out);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// fish's `complete -C` lines ("word\tdescription") as their words, space-separated.
std::string words_of(const std::string& lines) {
  std::string words;
  size_t start = 0;
  while (start < lines.size()) {
    size_t end = lines.find('\n', start);
    if (end == std::string::npos) end = lines.size();
    std::string line = lines.substr(start, end - start);
    words += (words.empty() ? "" : " ") + line.substr(0, line.find('\t'));
    start = end + 1;
  }
  return words;
}

void save_script(const TempDir& dir, const std::string& shell, const std::string& name) {
  CommandResult script = run_pgadvisor("completion " + shell);
  REQUIRE(script.exit_code == 0);
  std::ofstream out(dir.file(name));
  out << script.out;
  REQUIRE(out.good());
}

}  // namespace

TEST_CASE("the fish completion completes subcommands, options with their help and values", "[cli][completion]") {
  const TempDir dir("completion-fish");
  save_script(dir, "fish", "pgadvisor.fish");
  auto complete_fish = [&](const std::string& line) {
    return shell_output(dir, "fish --no-config -c " + shell_quote("source " + shell_quote(dir.file("pgadvisor.fish")) +
                                                                  "; complete -C " + shell_quote(line)));
  };
  CHECK(complete_fish("pgadvisor au").rfind("audit\tReplay a captured query log", 0) == 0);
  CHECK(complete_fish("pgadvisor audit --fail-").rfind("--fail-on\texit 1 when the audit finds", 0) == 0);
  CHECK(words_of(complete_fish("pgadvisor audit --format ")) == "text json markdown html");
  CHECK(words_of(complete_fish("pgadvisor templates --format ")) == "text json");
  CHECK(complete_fish("pgadvisor replay --budget-m").empty());  // an audit option, not replay's
  CHECK(words_of(complete_fish("pgadvisor completion ")) == "bash zsh fish");
}

TEST_CASE("the zsh completion registers with compinit and hands _arguments each option's spec", "[cli][completion]") {
  const TempDir dir("completion-zsh");
  save_script(dir, "zsh", "_pgadvisor");
  const std::string script = shell_quote(dir.file("_pgadvisor"));
  // real compsys: compinit, then the script registers its function for pgadvisor
  CHECK(shell_output(dir, "zsh -f -c " + shell_quote("autoload -U compinit && compinit -D -d " +
                                                     shell_quote(dir.file("zcompdump")) + " && source " + script +
                                                     " && print -r -- $_comps[pgadvisor]")) == "_pgadvisor\n");
  // what the function asks of compsys for `pgadvisor audit --fo<TAB>`: _arguments recorded
  const std::string stubs = "compdef() { :; }; _arguments() { print -rl -- \"$@\"; }; _describe() { local list=${@[-1]}; print -rl -- ${(P)list}; }; ";
  std::string audit = shell_output(dir, "zsh -f -c " + shell_quote(stubs + "source " + script +
                                                                   "; words=(pgadvisor audit --fo); CURRENT=3; _pgadvisor"));
  CHECK(audit.find("\n--format[report format\\: text (the terminal), json (versioned, for tools), markdown") !=
        std::string::npos);
  CHECK(audit.find("]:value:(text json markdown html)\n") != std::string::npos);
  CHECK(audit.find("*--log[") != std::string::npos);  // repeatable
  CHECK(audit.find("--baseline[") != std::string::npos);
  std::string first = shell_output(dir, "zsh -f -c " + shell_quote(stubs + "source " + script +
                                                                   "; words=(pgadvisor a); CURRENT=2; _pgadvisor"));
  CHECK(first.find("audit:Replay a captured query log on a database and propose indexes.") != std::string::npos);
}
