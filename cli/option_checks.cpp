#include "cli/option_checks.hpp"

#include "plans/byte_size.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>

#include "plans/workload/log_time.hpp"

namespace pgadvisor {
namespace {

// The whole of `text` as a finite number; nullopt otherwise.
std::optional<double> number_of(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  double value = std::strtod(text.c_str(), &end);
  if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace

CLI::Validator whole_number(long long min, long long max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        char* end = nullptr;
        errno = 0;
        long long value = std::strtoll(text.c_str(), &end, 10);
        if (text.empty() || errno != 0 || end != text.c_str() + text.size() || value < min || value > max)
          return fmt::format("{}: not a whole number from {} to {}", text, min, max);
        return "";
      },
      fmt::format("INT in [{}, {}]", min, max));
}

CLI::Validator non_negative_number() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        auto value = number_of(text);
        return value && *value >= 0 ? "" : text + ": not a number >= 0 (e.g. 0, 12, 2.5)";
      },
      "NUMBER >= 0");
}

CLI::Validator share() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        auto value = number_of(text);
        return value && *value >= 0 && *value <= 1 ? "" : text + ": not a share from 0 to 1 (e.g. 0.05)";
      },
      "NUMBER in [0, 1]");
}

CLI::Validator name_value() {
  return CLI::Validator([](std::string& text) -> std::string { return text.empty() ? "an empty name" : ""; },
                        "NAME");
}

CLI::Validator byte_size() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return parse_byte_size(text) ? "" : text + ": not a size (e.g. 500MB, 2.5GB; GB = 10^9 bytes, GiB = 2^30)";
      },
      "SIZE");
}

CLI::Validator time_value() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return parse_time_option(text) ? ""
                                       : text + ": not a time (e.g. 2024-06-30, 2024-06-30 12:00:00, "
                                                "2024-06-30T12:00:00+02:00, 2024-06-30 12:00 UTC)";
      },
      "TIME");
}

}  // namespace pgadvisor
