#include "plans/log/log_head.hpp"

namespace pgadvisor {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;

// Reads up to a chunk; false when nothing more came (the end, or a read error).
bool read_chunk(std::istream& in, std::vector<char>& chunk, std::size_t& count) {
  if (!in) return false;
  in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
  count = static_cast<std::size_t>(in.gcount());
  return count > 0;
}

bool is_blank(const std::string& line) { return line.empty() || line == "\r"; }

// Collects the lines of head.bytes from `line_start` on; true once enough are seen.
bool collect_lines(LogHead& head, std::size_t& line_start, std::size_t& line_count) {
  for (std::size_t end = head.bytes.find('\n', line_start); end != std::string::npos;
       end = head.bytes.find('\n', line_start)) {
    std::string line = head.bytes.substr(line_start, end - line_start);
    line_start = end + 1;
    ++line_count;
    if (!is_blank(line)) head.lines.push_back(std::move(line));
    if (head.lines.size() >= kDetectionLines || line_count >= kDetectionMaxLines) return true;
  }
  return false;
}

}  // namespace

LogHead read_log_head(std::istream& in) {
  LogHead head;
  std::vector<char> chunk(kChunkBytes);
  std::size_t count = 0;
  for (;;) {  // leading empty lines: counted, not kept
    if (!read_chunk(in, chunk, count)) {
      head.whole = true;
      return head;
    }
    std::size_t at = 0;
    while (at < count && chunk[at] == '\n') ++at;
    head.empty_lines += static_cast<std::int64_t>(at);
    if (at < count) {
      head.bytes.assign(chunk.data() + at, count - at);
      break;
    }
  }
  std::size_t line_start = 0;
  std::size_t line_count = 0;
  bool enough = collect_lines(head, line_start, line_count);
  while (!enough && head.bytes.size() < kDetectionMaxBytes && read_chunk(in, chunk, count)) {
    head.bytes.append(chunk.data(), count);
    enough = collect_lines(head, line_start, line_count);
  }
  head.whole = !enough && in.eof();
  // The last line when it is complete (at the end of the input), or the start of a first line
  // longer than the limit.
  if (!enough && line_start < head.bytes.size() && (in.eof() || line_count == 0)) {
    std::string line = head.bytes.substr(line_start);
    if (!is_blank(line)) head.lines.push_back(std::move(line));
  }
  return head;
}

}  // namespace pgadvisor
