#include "plans/log/line_reader.hpp"

#include <algorithm>
#include <climits>
#include <cstring>
#include <ios>

#include "plans/log/text_scan.hpp"

namespace pgadvisor {
namespace {

// Read from the stream's buffer at a time: large, so that a line is rarely split between blocks.
constexpr std::size_t kBlockBytes = std::size_t{1} << 20;

std::string size_text(std::size_t bytes) {
  constexpr std::size_t kMiB = std::size_t{1} << 20;
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  return std::to_string(bytes) + " bytes";
}

int clamped(std::int64_t number) {
  return static_cast<int>(std::min<std::int64_t>(number, INT_MAX));
}

}  // namespace

LineReader::LineReader(std::istream& in, const std::string& source, const LogSink& sink,
                       std::int64_t first_line, std::size_t max_line_bytes)
    : in_(in),
      source_(source),
      sink_(sink),
      max_line_bytes_(max_line_bytes),
      block_(kBlockBytes),
      next_number_(first_line) {}

int LineReader::number() const { return clamped(next_number_ - 1); }

bool LineReader::next(std::string& line) {
  std::string_view view;
  if (!next(view)) {
    line.clear();
    return false;
  }
  line.assign(view.data(), view.size());
  return true;
}

// Reads the next block; false at the end of the input or on an error (badbit on the stream: a
// streambuf that throws, as a corrupt compressed input does, is an error, not the end).
bool LineReader::refill() {
  begin_ = end_ = 0;
  if (!in_.good()) return false;
  std::streamsize count = 0;
  try {
    count = in_.rdbuf()->sgetn(block_.data(), static_cast<std::streamsize>(block_.size()));
  } catch (...) {
    in_.setstate(std::ios::badbit);
    return false;
  }
  if (count <= 0) {
    in_.setstate(std::ios::eofbit);
    return false;
  }
  end_ = static_cast<std::size_t>(count);
  return true;
}

bool LineReader::next(std::string_view& line) {
  cut_ = false;
  carry_.clear();
  if (ended_) return false;
  bool started = false;  // some byte (or the '\n') of this line was seen
  for (;;) {
    if (begin_ == end_ && !refill()) {
      ended_ = true;
      if (in_.bad() || !started) return false;  // a line cut by a read error is not handed out
      break;                                    // the last line, without a '\n'
    }
    const char* start = block_.data() + begin_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
    const std::size_t count = newline ? static_cast<std::size_t>(newline - start) : end_ - begin_;
    started = true;
    begin_ += count + (newline ? 1 : 0);
    if (newline && carry_.empty() && !cut_ && count <= max_line_bytes_) {  // the common case
      line = std::string_view(start, count);
      ++next_number_;
      return true;
    }
    take(start, count);
    if (newline) break;
  }
  return finish_line(line);
}

// The line gathered in carry_: numbered, and reported when it was cut.
bool LineReader::finish_line(std::string_view& line) {
  const std::int64_t number = next_number_++;
  line = carry_;
  if (cut_) {
    sink_.on_diagnostic(Diagnostic{
        source_, clamped(number),
        "line longer than " + size_text(max_line_bytes_) +
            " (the limit on a line): skipped, with the record or statement it belongs to: " +
            excerpt(carry_),
        {}});
  }
  return true;
}

// Adds a piece of the current line to carry_; past the limit only the head is kept.
void LineReader::take(const char* data, std::size_t count) {
  if (cut_) return;
  const std::size_t needed = carry_.size() + count;
  if (needed > max_line_bytes_) {
    const std::size_t head = std::min(kCutLineHeadBytes, max_line_bytes_);
    if (carry_.size() < head) carry_.append(data, std::min(count, head - carry_.size()));
    carry_.resize(std::min(carry_.size(), head));
    carry_.shrink_to_fit();
    cut_ = true;
    return;
  }
  // Grow by powers of two, never past the limit: a line at the limit takes no more than that.
  // (A size between the capacity and twice it would be taken up to twice it by the string.)
  if (needed > carry_.capacity()) {
    std::size_t capacity = std::size_t{1} << 16;
    while (capacity < needed) capacity <<= 1;
    carry_.reserve(std::min(max_line_bytes_, capacity));
  }
  carry_.append(data, count);
}

}  // namespace pgadvisor
