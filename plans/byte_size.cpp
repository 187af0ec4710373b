#include "plans/byte_size.hpp"

#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

#include "plans/ascii_case.hpp"

namespace pgadvisor {

std::optional<long long> parse_byte_size(const std::string& text) {
  static const std::vector<std::pair<std::string, double>> kUnits = {
      {"b", 1},          {"kb", 1e3},          {"mb", 1e6},          {"gb", 1e9},          {"tb", 1e12},
      {"kib", 1024.0}, {"mib", 1048576.0}, {"gib", 1073741824.0}, {"tib", 1099511627776.0}};
  size_t end = 0;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) ++end;
  if (end == 0) return std::nullopt;
  const std::string number = text.substr(0, end);
  char* parsed_to = nullptr;
  double value = std::strtod(number.c_str(), &parsed_to);
  if (parsed_to != number.c_str() + number.size() || !std::isfinite(value) || value < 0) return std::nullopt;
  size_t unit_at = end;
  while (unit_at < text.size() && text[unit_at] == ' ') ++unit_at;
  const std::string unit = ascii_lower(text.substr(unit_at));
  if (unit.empty()) {
    if (value == 0) return 0;
    return std::nullopt;
  }
  for (const auto& [name, bytes] : kUnits)
    if (unit == name) {
      double total = std::round(value * bytes);
      if (total > 9.2e18 || (total == 0 && value > 0)) return std::nullopt;  // 0.4B is not "no limit"
      return static_cast<long long>(total);
    }
  return std::nullopt;
}

}  // namespace pgadvisor
