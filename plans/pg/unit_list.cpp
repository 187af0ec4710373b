#include "plans/pg/unit_list.hpp"

#include <sstream>

namespace pgadvisor {

std::string join_units(const std::vector<std::string>& items) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "" : "\x1f") + item;
  return joined;
}

std::vector<std::string> split_units(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (!text.empty() && std::getline(stream, part, '\x1f')) parts.push_back(part);
  return parts;
}

}  // namespace pgadvisor
