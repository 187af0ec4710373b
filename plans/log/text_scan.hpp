// Text scanning helpers shared by the log readers: digit and prefix tests, and the short excerpt
// of a bad line that a diagnostic quotes. Pure functions on strings; nothing here fails.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace pgadvisor {

constexpr auto npos = std::string::npos;

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

inline bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The first 80 bytes of a line, "..." when cut, never cutting a UTF-8 character in two.
inline std::string excerpt(std::string_view line) {
  size_t end = std::min<size_t>(line.size(), 80);
  while (end < line.size() && end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) {
    --end;
  }
  return std::string(line.substr(0, end)) + (end < line.size() ? "..." : "");
}

}  // namespace pgadvisor
