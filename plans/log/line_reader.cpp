#include "plans/log/line_reader.hpp"

#include <algorithm>
#include <climits>
#include <limits>

#include "plans/log/text_scan.hpp"

namespace pgadvisor {
namespace {

// Lines shorter than this are read in one call; longer ones piece by piece.
constexpr std::size_t kChunkBytes = 64 * 1024;

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
      chunk_(kChunkBytes + 1),
      next_number_(first_line) {}

int LineReader::number() const { return clamped(next_number_ - 1); }

bool LineReader::next(std::string& line) {
  line.clear();
  cut_ = false;
  if (ended_) return false;
  bool extracted = false;
  for (;;) {
    // Stores up to kChunkBytes bytes; takes the '\n' (not stored) when it comes first.
    in_.getline(chunk_.data(), static_cast<std::streamsize>(chunk_.size()));
    const auto count = static_cast<std::size_t>(in_.gcount());
    if (in_.bad()) {
      ended_ = true;
      return false;
    }
    if (!in_.fail() && !in_.eof()) {  // the '\n' was found and taken
      append(line, chunk_.data(), count - 1);
      break;
    }
    if (in_.eof()) {  // the last line, without a '\n'
      ended_ = true;
      if (count == 0 && !extracted) return false;
      append(line, chunk_.data(), count);
      break;
    }
    // The chunk is full and the line goes on.
    in_.clear(in_.rdstate() & ~std::ios::failbit);
    extracted = true;
    append(line, chunk_.data(), count);
    if (cut_) {
      skip_rest_of_line();
      break;
    }
  }
  const std::int64_t number = next_number_++;
  if (cut_) {
    sink_.on_diagnostic(Diagnostic{
        source_, clamped(number),
        "line longer than " + size_text(max_line_bytes_) +
            " (the limit on a line): skipped, with the record or statement it belongs to: " +
            excerpt(line),
        {}});
  }
  return true;
}

void LineReader::append(std::string& line, const char* data, std::size_t count) {
  if (cut_) return;
  const std::size_t needed = line.size() + count;
  if (needed > max_line_bytes_) {
    const std::size_t head = std::min(kCutLineHeadBytes, max_line_bytes_);
    if (line.size() < head) line.append(data, std::min(count, head - line.size()));
    line.resize(std::min(line.size(), head));
    line.shrink_to_fit();
    cut_ = true;
    return;
  }
  // Grow by doubling, but never past the limit: a line at the limit takes no more than that.
  if (needed > line.capacity()) {
    line.reserve(std::min(max_line_bytes_, std::max(needed, 2 * line.capacity())));
  }
  line.append(data, count);
}

void LineReader::skip_rest_of_line() {
  in_.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  if (in_.bad() || in_.eof()) ended_ = true;
}

}  // namespace pgadvisor
