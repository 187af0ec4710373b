// Outputs never replace what is not a regular file: a private character device (mknod in the
// test's own directory, never the system's /dev/null) and a FIFO are written through and stay
// what they were; a symlink is followed and kept; a regular file is replaced whole with its mode
// kept; a directory and /dev/full are refused with the path named, nothing left behind; a file
// planted at a predictable temporary name is never touched.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "plans/fatal_error.hpp"
#include "plans/output_file.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
namespace fs = std::filesystem;

namespace {

struct stat status_of(const std::string& path, bool follow = true) {
  struct stat status {};
  REQUIRE((follow ? ::stat(path.c_str(), &status) : ::lstat(path.c_str(), &status)) == 0);
  return status;
}

size_t entries(const std::string& directory) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(directory), fs::directory_iterator{}));
}

}  // namespace

TEST_CASE("output: a regular file is replaced whole with its mode kept, a new one gets the umask's", "[output]") {
  ScratchDirectory scratch;
  const std::string path = scratch.path + "/report.json";
  std::ofstream(path) << "old content that is longer than the new";
  REQUIRE(::chmod(path.c_str(), 0600) == 0);
  write_output(path, "new");
  CHECK(read_text_file(path) == "new");
  CHECK((status_of(path).st_mode & 07777) == 0600);
  const std::string fresh = scratch.path + "/fresh.json";
  mode_t mask = ::umask(022);
  write_output(fresh, "x");
  ::umask(mask);
  CHECK((status_of(fresh).st_mode & 07777) == 0644);
  CHECK(entries(scratch.path) == 2);  // no temporary file left
}

TEST_CASE("output: a character device and a FIFO are written through, never replaced", "[output]") {
  ScratchDirectory scratch;
  const std::string device = scratch.path + "/null";
  REQUIRE(::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0);  // a private /dev/null
  write_output(device, "discarded");
  CHECK(S_ISCHR(status_of(device).st_mode));

  const std::string fifo = scratch.path + "/pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] { received = read_text_file(fifo); });
  write_output(fifo, "through the pipe");
  reader.join();
  CHECK(received == "through the pipe");
  CHECK(S_ISFIFO(status_of(fifo).st_mode));
  CHECK(entries(scratch.path) == 2);
}

TEST_CASE("output: a symlink is followed and kept, a planted temporary name is not touched", "[output]") {
  ScratchDirectory scratch;
  const std::string target = scratch.path + "/target.md", link = scratch.path + "/link.md";
  std::ofstream(target) << "before";
  REQUIRE(::symlink("target.md", link.c_str()) == 0);
  // what older builds used as temporary names, planted as links to a file that must survive
  const std::string victim = scratch.path + "/victim";
  std::ofstream(victim) << "precious";
  REQUIRE(::symlink(victim.c_str(), (link + ".tmp").c_str()) == 0);
  REQUIRE(::symlink(victim.c_str(), (target + ".tmp").c_str()) == 0);
  write_output(link, "after");
  CHECK(S_ISLNK(status_of(link, false).st_mode));
  CHECK(read_text_file(target) == "after");
  CHECK(read_text_file(victim) == "precious");
}

TEST_CASE("output: a directory and a full device are refused, naming the path", "[output]") {
  ScratchDirectory scratch;
  try {
    write_output(scratch.path, "x");
    FAIL("a directory was written");
  } catch (const FatalError& error) {
    CHECK(std::string(error.what()).find(scratch.path + ": it is a directory") != std::string::npos);
  }
  try {
    write_output("/dev/full", "x");
    FAIL("/dev/full took the write");
  } catch (const FatalError& error) {
    CHECK(error.kind() == FatalKind::Input);
    CHECK(std::string(error.what()).find("/dev/full: No space left on device") != std::string::npos);
  }
  CHECK(S_ISCHR(status_of("/dev/full").st_mode));
  CHECK(entries(scratch.path) == 0);
}

TEST_CASE("output: the binary writes through a device, '-' is standard output, /dev/full exits 3", "[output][cli]") {
  ScratchDirectory scratch;
  const std::string log = shell_quote(fixture_path("blog/logs/django.log"));
  const std::string device = scratch.path + "/null";
  REQUIRE(::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0);
  CommandResult through = run_pgadvisor("templates --log " + log + " --format json -o " + device);
  CHECK(through.exit_code == 0);
  CHECK(S_ISCHR(status_of(device).st_mode));
  CommandResult dash = run_pgadvisor("templates --log " + log + " --format json -o -");
  CHECK(dash.exit_code == 0);
  CHECK(dash.out.rfind("{", 0) == 0);
  CHECK_FALSE(fs::exists("-"));
  CommandResult full = run_pgadvisor("templates --log " + log + " --format json -o /dev/full");
  CHECK(full.exit_code == 3);
  CHECK(full.err.find("cannot write /dev/full: No space left on device") != std::string::npos);
  int status = std::system((std::string(PGADVISOR_BINARY) + " templates --log " + log + " >/dev/full 2>/dev/null").c_str());
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 3);  // standard output on a full device: an error, not exit 0
}
