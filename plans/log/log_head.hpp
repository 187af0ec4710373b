// LogHead: the start of a log, read to detect its format, in bounded memory whatever the log
// holds. Leading empty lines ("\n" alone) tell nothing in any format: they are counted, never
// kept, however many there are. After them at most about kDetectionMaxBytes are kept: reading
// stops once the bytes kept hold kDetectionLines non-empty lines or kDetectionMaxLines lines
// (empty ones included), or reach kDetectionMaxBytes. The lines given to detection are the
// non-empty ones among those; when a line is longer than the byte limit, its start stands for it.
//
// The caller hands `bytes` back to the log's reader in front of the rest of the stream; the
// skipped empty lines are not handed back, the reader's line numbers are shifted by their count.
// Nothing here throws: a read error leaves badbit on the stream for the caller to check.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace pgadvisor {

constexpr std::size_t kDetectionLines = 50;
constexpr std::size_t kDetectionMaxLines = 1000;
constexpr std::size_t kDetectionMaxBytes = std::size_t{1} << 20;  // 1 MiB

struct LogHead {
  std::int64_t empty_lines = 0;         // leading empty lines, skipped
  std::string bytes;                    // what was read after them, to be read again
  std::vector<std::string> lines;       // its first non-empty lines, for detect_log_format
  bool whole = false;                   // the log ended within what was read
};

LogHead read_log_head(std::istream& in);

}  // namespace pgadvisor
