// LineReader: the lines of a log, one at a time, in bounded memory, for the readers of line-based
// formats (stderr, csvlog, jsonlog, Django, .sql). A line is at most kMaxLineBytes long (its
// '\n' not counted). A longer one is never held whole: the reader keeps only its first
// kCutLineHeadBytes, skips the rest up to its '\n' (or the end of the input) without storing it,
// hands a Diagnostic to the sink naming the source and the line number, and returns the head
// with cut() true, so that the caller can leave out the record or statement the line belongs to.
// Reading then goes on with the next line.
//
// The input is read in blocks of kBlockBytes straight from the stream's buffer, and a line that
// lies within one block is handed out as a view into it (no copy); only a line that straddles two
// blocks is gathered into a string of its own.
//
// Lines are numbered from `first_line` (1 unless lines before the stream were already consumed,
// as format detection does with leading empty lines); numbers beyond INT_MAX are reported as
// INT_MAX. An input error (badbit on the stream) ends the lines; the caller checks the stream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "plans/log/log_sink.hpp"

namespace pgadvisor {

// The longest line a log reader takes: 64 MiB, far above any statement a server logs in
// practice, low enough that a hostile or damaged file cannot exhaust memory.
constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;

// The longest record of several lines (a stderr message with its continuation lines, a Django
// record) a reader gathers; a longer one is left out with a Diagnostic.
constexpr std::size_t kMaxRecordBytes = kMaxLineBytes;

// How much of a line over the limit is kept, to tell what the line was.
constexpr std::size_t kCutLineHeadBytes = 256;

class LineReader {
 public:
  // `source` and `sink` must outlive the reader. `max_line_bytes` is for tests.
  LineReader(std::istream& in, const std::string& source, const LogSink& sink,
             std::int64_t first_line = 1, std::size_t max_line_bytes = kMaxLineBytes);

  // The next line, without its '\n' (a '\r' before it is kept); false at the end of the input.
  bool next(std::string& line);
  // The same as a view, valid until the next call.
  bool next(std::string_view& line);

  // The number of the line `next` returned last.
  int number() const;

  // True when the line `next` returned last was over the limit: `line` holds its head only.
  bool cut() const { return cut_; }

 private:
  bool refill();
  void take(const char* data, std::size_t count);
  bool finish_line(std::string_view& line);

  std::istream& in_;
  const std::string& source_;
  const LogSink& sink_;
  std::size_t max_line_bytes_;
  std::vector<char> block_;
  std::size_t begin_ = 0, end_ = 0;  // the bytes of block_ not yet handed out
  std::string carry_;                // a line that straddles blocks, or the head of a cut one
  std::int64_t next_number_;
  bool cut_ = false;
  bool ended_ = false;
};

}  // namespace pgadvisor
