#include "cli/report/markdown_cells.hpp"

#include <algorithm>

#include "plans/text_format.hpp"

namespace pgadvisor::markdown {

std::string text(const std::string& raw) {
  std::string out;
  for (char c : one_line(raw, std::string::npos)) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (std::string("\\`*_[]|").find(c) != std::string::npos) out += std::string("\\") + c;
    else out += c;
  }
  return out;
}

std::string code(const std::string& sql, size_t width) {
  std::string flat = one_line(sql, width);
  size_t longest = 0, run = 0;
  std::string escaped;
  for (char c : flat) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
    escaped += c == '|' ? std::string("\\|") : std::string(1, c);
  }
  std::string fence(longest + 1, '`');
  std::string pad = longest > 0 ? " " : "";
  return fence + pad + escaped + pad + fence;
}

std::string row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& cell : cells) out += " " + cell + " |";
  return out + "\n";
}

std::string table_head(const std::vector<std::string>& names, const std::string& align) {
  std::vector<std::string> rule;
  for (char a : align) rule.push_back(a == 'r' ? "--:" : "---");
  return row(names) + row(rule);
}

}  // namespace pgadvisor::markdown
