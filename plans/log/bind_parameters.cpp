#include "plans/log/bind_parameters.hpp"

#include <utility>

namespace pgadvisor {

std::optional<std::vector<StatementParam>> parse_bind_parameters(const std::string& text) {
  std::vector<StatementParam> out;
  size_t pos = 0;
  for (size_t index = 1;; ++index) {
    const std::string name = "$" + std::to_string(index) + " = ";
    if (text.compare(pos, name.size(), name) != 0) return std::nullopt;
    pos += name.size();
    if (text.compare(pos, 4, "NULL") == 0) {
      out.emplace_back(std::nullopt);
      pos += 4;
    } else if (pos < text.size() && text[pos] == '\'') {
      std::string value;
      for (++pos;; ++pos) {
        if (pos >= text.size()) return std::nullopt;
        if (text[pos] == '\'') {
          if (text.compare(pos, 2, "''") != 0) break;
          ++pos;
        }
        value += text[pos];
      }
      ++pos;
      out.emplace_back(std::move(value));
    } else {
      return std::nullopt;
    }
    if (pos == text.size()) return out;
    if (text.compare(pos, 2, ", ") != 0) return std::nullopt;
    pos += 2;
  }
}

}  // namespace pgadvisor
