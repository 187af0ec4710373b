// Tests of LineReader, the line source of the log readers: lines at and over the limit (a small
// limit here; the real one is read in input_limits_test.cpp), the last line without '\n', CRLF,
// empty lines, and the numbering.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "plans/log/line_reader.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

struct Line {
  std::string text;
  int number;
  bool cut;
  bool operator==(const Line& other) const {
    return text == other.text && number == other.number && cut == other.cut;
  }
};

std::ostream& operator<<(std::ostream& out, const Line& line) {
  return out << line.number << (line.cut ? " cut " : " ") << '"' << line.text << '"';
}

std::vector<Line> read_lines(const std::string& text, CollectedLog& log, size_t limit,
                             std::int64_t first_line = 1) {
  std::istringstream in(text);
  const LogSink sink = collecting_sink(log);
  const std::string source = "t.log";
  LineReader reader(in, source, sink, first_line, limit);
  std::vector<Line> lines;
  std::string line;
  while (reader.next(line)) lines.push_back({line, reader.number(), reader.cut()});
  return lines;
}

}  // namespace

TEST_CASE("line reader: lines up to the limit are whole", "[log][limits]") {
  CollectedLog log;
  const auto lines = read_lines("abcd\n\nab\r\nlast", log, 4);
  CHECK(lines == std::vector<Line>{{"abcd", 1, false}, {"", 2, false}, {"ab\r", 3, false},
                                   {"last", 4, false}});
  CHECK(log.diagnostics.empty());
}

TEST_CASE("line reader: a longer line is skipped with a diagnostic, reading goes on",
          "[log][limits]") {
  CollectedLog log;
  const auto lines = read_lines("ok\nabcdef\nnext\nxxxxxxxxx", log, 5);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == Line{"ok", 1, false});
  CHECK(lines[1] == Line{"abcde", 2, true});  // the head, at most the limit
  CHECK(lines[2] == Line{"next", 3, false});
  CHECK(lines[3] == Line{"xxxxx", 4, true});  // the last line, without '\n'
  REQUIRE(log.diagnostics.size() == 2);
  CHECK(log.diagnostics[0].source == "t.log");
  CHECK(log.diagnostics[0].line == 2);
  CHECK(log.diagnostics[0].message.rfind("line longer than 5 bytes (the limit on a line)", 0) == 0);
  CHECK(log.diagnostics[1].line == 4);
}

TEST_CASE("line reader: a line over the limit across many chunks keeps only its head",
          "[log][limits]") {
  CollectedLog log;
  const std::string long_line(1000000, 'y');
  const auto lines = read_lines("a\n" + long_line + "\nb\n", log, 300000);
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].cut);
  CHECK(lines[1].text == std::string(kCutLineHeadBytes, 'y'));
  CHECK(lines[2] == Line{"b", 3, false});
  CHECK(log.diagnostics.size() == 1);
}

TEST_CASE("line reader: numbering starts where the caller says", "[log][limits]") {
  CollectedLog log;
  const auto lines = read_lines("x\ny\n", log, 10, 1000);
  CHECK(lines == std::vector<Line>{{"x", 1000, false}, {"y", 1001, false}});
}

TEST_CASE("line reader: an empty input has no line", "[log][limits]") {
  CollectedLog log;
  CHECK(read_lines("", log, 10).empty());
  CHECK(read_lines("\n", log, 10) == std::vector<Line>{{"", 1, false}});
}
