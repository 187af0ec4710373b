// Small text helpers shared by the terminal reports: a statement folded onto one line and cut
// to a width, and a byte count for humans. Pure.
#pragma once

#include <string>

namespace pgadvisor {

std::string one_line(const std::string& sql, size_t width);
std::string human_bytes(long long bytes);

}  // namespace pgadvisor
