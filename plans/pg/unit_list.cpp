#include "plans/pg/unit_list.hpp"


namespace pgadvisor {

std::string join_units(const std::vector<std::string>& items) {
  std::string joined;
  for (size_t i = 0; i < items.size(); ++i) joined += (i ? "\x1f" : "") + items[i];  // empty items keep their place
  return joined;
}

std::vector<std::string> split_units(const std::string& text) {
  std::vector<std::string> parts;
  if (text.empty()) return parts;
  size_t start = 0;
  for (size_t at; (at = text.find('\x1f', start)) != std::string::npos; start = at + 1)
    parts.push_back(text.substr(start, at - start));
  parts.push_back(text.substr(start));  // a trailing empty item too
  return parts;
}

}  // namespace pgadvisor
