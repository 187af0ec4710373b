#include "advisor/text_format.hpp"

#include <fmt/format.h>

namespace pgadvisor {

std::string one_line(const std::string& sql, size_t width) {
  std::string flat;
  bool space = false;
  for (char c : sql) {
    bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (blank && !flat.empty()) space = true;
    if (blank) continue;
    if (space) flat += ' ';
    space = false;
    flat += c;
  }
  return flat.size() > width ? flat.substr(0, width - 3) + "..." : flat;
}

std::string human_bytes(long long bytes) {
  if (bytes >= 1024LL * 1024 * 1024) return fmt::format("{:.1f} GB", static_cast<double>(bytes) / (1024.0 * 1024 * 1024));
  if (bytes >= 1024LL * 1024) return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024));
  if (bytes >= 1024) return fmt::format("{:.0f} kB", static_cast<double>(bytes) / 1024.0);
  return fmt::format("{} B", bytes);
}

std::string human_ms(double ms) {
  if (ms >= 3600000.0) return fmt::format("{:.1f} h", ms / 3600000.0);
  if (ms >= 60000.0) return fmt::format("{:.1f} min", ms / 60000.0);
  if (ms >= 1000.0) return fmt::format("{:.1f} s", ms / 1000.0);
  if (ms >= 10.0) return fmt::format("{:.1f} ms", ms);
  return fmt::format("{:.2f} ms", ms);
}

}  // namespace pgadvisor
