#include "plans/utc_time.hpp"

#include <fmt/format.h>

#include <cctype>
#include <ctime>

namespace pgadvisor {

std::string utc_timestamp(UtcTime time) {
  using namespace std::chrono;
  const long long ms = duration_cast<milliseconds>(time.time_since_epoch()).count();
  const long long seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  const std::time_t whole = static_cast<std::time_t>(seconds);
  std::tm parts{};
  gmtime_r(&whole, &parts);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                     parts.tm_hour, parts.tm_min, parts.tm_sec, ms - seconds * 1000);
}

std::optional<UtcTime> parse_utc_timestamp(const std::string& text) {
  // Digits at the given offsets, separators between them: YYYY-MM-DDTHH:MM:SS
  const std::string shape = "dddd-dd-ddTdd:dd:dd";
  if (text.size() < shape.size() + 1 || text.back() != 'Z') return std::nullopt;
  for (size_t i = 0; i < shape.size(); ++i)
    if (shape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(text[i])) : text[i] != shape[i]) return std::nullopt;
  auto field = [&](size_t at, size_t length) { return std::stoi(text.substr(at, length)); };
  long long ms = 0;
  size_t at = shape.size();
  if (text[at] == '.') {
    size_t digits = 0;
    for (++at; at < text.size() - 1; ++at, ++digits) {
      if (!std::isdigit(static_cast<unsigned char>(text[at]))) return std::nullopt;
      if (digits < 3) ms = ms * 10 + (text[at] - '0');
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 3; ++digits) ms *= 10;
  }
  if (at != text.size() - 1) return std::nullopt;
  std::tm parts{};
  parts.tm_year = field(0, 4) - 1900, parts.tm_mon = field(5, 2) - 1, parts.tm_mday = field(8, 2);
  parts.tm_hour = field(11, 2), parts.tm_min = field(14, 2), parts.tm_sec = field(17, 2);
  if (parts.tm_mon > 11 || parts.tm_mday < 1 || parts.tm_mday > 31 || parts.tm_hour > 23 || parts.tm_min > 59 ||
      parts.tm_sec > 60)
    return std::nullopt;
  const std::time_t seconds = timegm(&parts);
  return UtcTime(std::chrono::seconds(seconds)) + std::chrono::milliseconds(ms);
}

}  // namespace pgadvisor
