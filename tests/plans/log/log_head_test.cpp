// Format detection looks at a bounded start of a log (plans/log/log_head): leading empty lines are
// counted, never kept, and the line numbers of what follows them stay the file's own; the bytes
// kept for detection stop at 1 MiB or 1000 lines. A gzip stream of 1 GiB of empty lines, written
// here with zlib, is detected and read in bounded memory.
#include <catch2/catch.hpp>
#include <zlib.h>

#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "plans/fatal_error.hpp"
#include "plans/log/log_file.hpp"
#include "plans/log/log_head.hpp"
#include "tests/support/generated_stream.hpp"
#include "tests/support/log_test_support.hpp"
#include "tests/support/peak_memory.hpp"
#include "tests/support/temp_dir.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

const std::string kStatement1 = "2024-06-30 12:00:00.000 UTC [42] LOG:  statement: SELECT 1\n";
const std::string kStatement2 = "2024-06-30 12:00:01.000 UTC [42] LOG:  statement: SELECT 2\n";

// Writes `repeat` times `unit`, then `tail`, gzip-compressed, to `path`.
void write_gzip(const std::string& path, const std::string& unit, size_t repeat,
                const std::string& tail) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "wb"), std::fclose);
  REQUIRE(file);
  z_stream stream{};
  // windowBits 15 + 16: a gzip header; Z_RLE compresses runs of one byte fast.
  REQUIRE(deflateInit2(&stream, 1, Z_DEFLATED, 15 + 16, 8, Z_RLE) == Z_OK);
  std::vector<unsigned char> out(1 << 16);
  const auto feed = [&](const std::string& data, int flush) {
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    do {
      stream.next_out = out.data();
      stream.avail_out = static_cast<uInt>(out.size());
      REQUIRE(deflate(&stream, flush) != Z_STREAM_ERROR);
      const size_t written = out.size() - stream.avail_out;
      REQUIRE(std::fwrite(out.data(), 1, written, file.get()) == written);
    } while (stream.avail_out == 0);
  };
  for (size_t i = 0; i < repeat; ++i) feed(unit, Z_NO_FLUSH);
  feed(tail, Z_FINISH);
  deflateEnd(&stream);
}

}  // namespace

TEST_CASE("log head: a gzip stream of 1 GiB of empty lines is detected and read in bounded memory",
          "[log][limits]") {
  const TempDir dir("head");
  const std::string path = dir.file("empty-lines.log.gz");
  const size_t mebibytes = 1024;
  write_gzip(path, std::string(1 << 20, '\n'), mebibytes, kStatement1 + kStatement2);
  CollectedLog read;
  const PeakMemory memory;
  read_log_file(path, LogFormat::Auto, collecting_sink(read));
  const double growth = memory.growth_mib();
  INFO("peak memory growth " << growth << " MiB");
  CHECK(growth < 32);
  CHECK(read.diagnostics.empty());
  REQUIRE(read.statements.size() == 2);
  CHECK(read.statements[0].sql == "SELECT 1");
  // The lines after the empty ones keep their numbers in the file.
  const int empty_lines = static_cast<int>(mebibytes << 20);
  CHECK(read.statements[0].line == empty_lines + 1);
  CHECK(read.statements[1].line == empty_lines + 2);
}

TEST_CASE("log head: leading empty lines are counted, not kept", "[log][limits]") {
  std::istringstream in(std::string(100000, '\n') + kStatement1 + "\n" + kStatement2);
  const LogHead head = read_log_head(in);
  CHECK(head.empty_lines == 100000);
  CHECK(head.bytes == kStatement1 + "\n" + kStatement2);
  CHECK(head.lines == std::vector<std::string>{kStatement1.substr(0, kStatement1.size() - 1),
                                               kStatement2.substr(0, kStatement2.size() - 1)});
}

TEST_CASE("log head: at most 50 non-empty lines, 1000 lines or 1 MiB are kept", "[log][limits]") {
  SECTION("50 non-empty lines") {
    GeneratedStream in({{kStatement1, 100000}});
    const LogHead head = read_log_head(in);
    CHECK(head.lines.size() == kDetectionLines);
    CHECK(head.bytes.size() <= kDetectionMaxBytes);
  }
  SECTION("1000 lines, empty ones (here \"\\r\") included") {
    GeneratedStream in({{kStatement1}, {"\r\n", 10000000}, {kStatement2}});
    const LogHead head = read_log_head(in);
    CHECK(head.lines.size() == 1);
    CHECK(head.bytes.size() <= kDetectionMaxBytes);
  }
  SECTION("1 MiB, the start of a longer line standing for it") {
    GeneratedStream in({{"2024-06-30 12:00:00.000 UTC [42] LOG:  statement: SELECT '"},
                        {"x", 100 << 20}, {"'\n"}});
    const LogHead head = read_log_head(in);
    REQUIRE(head.lines.size() == 1);
    CHECK(head.lines[0].rfind("2024-06-30 12:00:00.000 UTC [42] LOG:  statement: SELECT 'x", 0) ==
          0);
    CHECK(head.lines[0].size() > 1000000);
    CHECK(head.bytes.size() <= kDetectionMaxBytes + (64 << 10));
  }
}

TEST_CASE("log head: a log whose start is too long to tell is refused, not buffered",
          "[log][limits]") {
  const TempDir dir("head");
  const std::string path = dir.file("late.log");
  {
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "wb"), std::fclose);
    REQUIRE(file);
    for (int i = 0; i < 2000; ++i) std::fputs("\r\n", file.get());
    std::fputs(kStatement1.c_str(), file.get());
  }
  CollectedLog read;
  CHECK_THROWS_AS(read_log_file(path, LogFormat::Auto, collecting_sink(read)), FatalError);
  // Told the format, the same log is read.
  read_log_file(path, LogFormat::Stderr, collecting_sink(read));
  REQUIRE(read.statements.size() == 1);
  CHECK(read.statements[0].line == 2001);
}
