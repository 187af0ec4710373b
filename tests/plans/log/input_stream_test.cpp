// Tests of open_log_input on the blog app's captured PostgreSQL log, compressed here with the real
// gzip, bzip2 and xz into a temporary directory, from files and from standard input.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "plans/fatal_error.hpp"
#include "plans/log/input_stream.hpp"
#include "tests/support/temp_dir.hpp"

using namespace pgadvisor;
using pgadvisor::testing::TempDir;

namespace {

const std::string kFixture =
    std::string(PGADVISOR_SOURCE_DIR) + "/fixtures/blog/logs/postgresql.log";

void run(const std::string& command) { REQUIRE(std::system(command.c_str()) == 0); }

std::vector<std::string> lines_of(std::istream& in) {
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::vector<std::string> fixture_lines() {
  std::ifstream in(kFixture, std::ios::binary);
  REQUIRE(in);
  return lines_of(in);
}

std::vector<std::string> read_all(const std::string& path) {
  const auto in = open_log_input(path);
  auto lines = lines_of(*in);
  CHECK_FALSE(in->bad());
  CHECK(input_error(*in).empty());
  return lines;
}

// The message of the FatalError that opening `path` throws, empty when it does not throw.
std::string open_error(const std::string& path) {
  try {
    open_log_input(path);
  } catch (const FatalError& error) {
    CHECK(error.kind() == FatalKind::Input);
    return error.what();
  }
  return "";
}

// Reads standard input replaced, for the time of the call, by the file at `path`.
std::vector<std::string> read_all_from_stdin(const std::string& path) {
  const int saved = dup(0);
  const int file = open(path.c_str(), O_RDONLY);
  REQUIRE(saved >= 0);
  REQUIRE(file >= 0);
  REQUIRE(dup2(file, 0) == 0);
  close(file);
  std::vector<std::string> lines;
  try {
    lines = read_all("-");
  } catch (...) {
    dup2(saved, 0);
    close(saved);
    throw;
  }
  dup2(saved, 0);
  close(saved);
  return lines;
}

}  // namespace

TEST_CASE("input: gzip, bzip2 and xz are decompressed to the original lines", "[log][input]") {
  const TempDir dir("input");
  const auto original = fixture_lines();
  REQUIRE(original.size() == 85);
  const auto tool = GENERATE(as<std::string>{}, "gzip", "bzip2", "xz");
  // The names say nothing of the content: the format comes from the magic bytes.
  const std::string compressed = dir.file("postgresql-" + tool + ".log");
  run(tool + " -c '" + kFixture + "' > '" + compressed + "'");

  CHECK(read_all(compressed) == original);
  CHECK(read_all_from_stdin(compressed) == original);
}

TEST_CASE("input: a plain log is read as it is, from a file or standard input", "[log][input]") {
  const TempDir dir("input");
  const std::string misnamed = dir.file("plain.gz");
  run("cp '" + kFixture + "' '" + misnamed + "'");
  CHECK(read_all(kFixture) == fixture_lines());
  CHECK(read_all(misnamed) == fixture_lines());
  CHECK(read_all_from_stdin(kFixture) == fixture_lines());
}

TEST_CASE("input: empty input, plain or compressed, is an empty log", "[log][input]") {
  const TempDir dir("input");
  run(": > '" + dir.file("empty.log") + "'");
  run("printf '' | gzip -c > '" + dir.file("empty.gz") + "'");
  CHECK(read_all(dir.file("empty.log")).empty());
  CHECK(read_all(dir.file("empty.gz")).empty());
  CHECK(read_all_from_stdin(dir.file("empty.log")).empty());
}

TEST_CASE("input: a file that cannot be opened throws FatalError naming it", "[log][input]") {
  const TempDir dir("input");
  const std::string missing = dir.file("missing.log");
  CHECK(open_error(missing) == "cannot read " + missing + ": No such file or directory");
  CHECK(open_error(dir.path) == "cannot read " + dir.path + ": is a directory");
}

TEST_CASE("input: a truncated .gz is an error, never a silently shorter log", "[log][input]") {
  const TempDir dir("input");

  SECTION("cut in the first block: FatalError at open") {
    const std::string small = dir.file("small.gz");
    run("gzip -c '" + kFixture + "' > '" + dir.file("whole.gz") + "'");
    run("head -c 4000 '" + dir.file("whole.gz") + "' > '" + small + "'");
    CHECK(open_error(small) == "cannot read " + small + ": truncated gzip input");
  }

  SECTION("cut in its header: FatalError at open, not read as a plain log") {
    const std::string header = dir.file("header.gz");
    run("gzip -c '" + kFixture + "' | head -c 12 > '" + header + "'");
    CHECK(open_error(header) == "cannot read " + header + ": truncated or corrupt gzip header");
  }

  SECTION("cut further on: the stream goes bad and input_error tells why") {
    // 40 copies of the fixture, 2.3 MB, cut at half of the compressed size.
    const std::string big = dir.file("big.log");
    const std::string cut = dir.file("big-cut.gz");
    run("for i in $(seq 40); do cat '" + kFixture + "'; done > '" + big + "'");
    run("gzip -c '" + big + "' > '" + dir.file("big.gz") + "'");
    run("head -c $(($(wc -c < '" + dir.file("big.gz") + "') / 2)) '" + dir.file("big.gz") +
        "' > '" + cut + "'");

    const auto in = open_log_input(cut);
    const auto lines = lines_of(*in);
    CHECK(in->bad());
    CHECK(input_error(*in) == "truncated gzip input");

    std::ifstream whole(big, std::ios::binary);
    const auto all = lines_of(whole);
    REQUIRE(lines.size() < all.size());
    CHECK(std::equal(lines.begin(), lines.end(), all.begin()));
  }
}

TEST_CASE("input: input_error of a stream that is not from open_log_input", "[log][input]") {
  std::istringstream good("x\n");
  CHECK(input_error(good).empty());
  good.setstate(std::ios::badbit);
  CHECK(input_error(good) == "read error");
}
