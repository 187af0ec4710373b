// Small text helpers shared by the terminal reports: a statement folded onto one line and cut
// to a width, and a byte count and a duration for humans. Pure.
#pragma once

#include <string>

namespace pgadvisor {

std::string one_line(const std::string& sql, size_t width);
std::string human_bytes(long long bytes);
std::string human_ms(double ms);  // "0.42 ms", "12.3 ms", "4.1 s", "2.5 min", "1.2 h"

}  // namespace pgadvisor
