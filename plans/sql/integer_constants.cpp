#include "plans/sql/integer_constants.hpp"

#include <cctype>
#include <charconv>
#include <optional>

namespace pgadvisor {
namespace {

// "-5" or "- 5" at `at`, as a number; nullopt for anything else (0 is written "0": no repair).
std::optional<long long> negative_integer_at(const std::string& sql, size_t at) {
  if (at >= sql.size() || sql[at] != '-') return std::nullopt;
  size_t start = at + 1;
  while (start < sql.size() && std::isspace(static_cast<unsigned char>(sql[start]))) ++start;
  size_t end = start;
  while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end]))) ++end;
  long long value = 0;
  if (end == start || std::from_chars(sql.data() + start, sql.data() + end, value).ec != std::errc()) return std::nullopt;
  return -value;
}

void repair(nlohmann::json& node, const std::string& sql, int& fixed) {
  if (node.is_array()) {
    for (auto& item : node) repair(item, sql, fixed);
    return;
  }
  if (!node.is_object()) return;
  if (auto constant = node.find("A_Const"); constant != node.end() && constant->is_object()) {
    auto ival = constant->find("ival");
    int location = constant->value("location", -1);
    if (ival != constant->end() && ival->is_object() && ival->empty() && location >= 0)
      if (auto value = negative_integer_at(sql, static_cast<size_t>(location))) {
        (*ival)["ival"] = *value;
        ++fixed;
      }
  }
  for (auto& [key, child] : node.items()) repair(child, sql, fixed);
}

}  // namespace

int repair_negative_integers(nlohmann::json& tree, const std::string& sql) {
  int fixed = 0;
  repair(tree, sql, fixed);
  return fixed;
}

}  // namespace pgadvisor
