#include "cli/migration/python_imports.hpp"

#include <optional>

#include "cli/migration/python_source.hpp"

namespace pgadvisor {
namespace {

// Whether `source` has the top-level `from MODULE import NAME` (not renamed).
bool has_import(const PythonSource& source, const std::string& module, const std::string& name) {
  for (const auto& line : source.logical) {
    if (!line.indent.empty() || leading_word(line.code) != "from") continue;
    std::string text = logical_text(source, line);
    std::string rest = trim_space(trim_space(text).substr(4));
    size_t space = rest.find_first_of(" \t");
    if (space == std::string::npos || rest.substr(0, space) != module) continue;
    rest = trim_space(rest.substr(space));
    if (leading_word(rest) != "import") continue;
    std::string names;
    for (char c : rest.substr(6)) names += (c == '(' || c == ')' || c == '\n' || c == '\\') ? ' ' : c;
    for (size_t at = 0; at <= names.size();) {
      size_t comma = names.find(',', at);
      if (comma == std::string::npos) comma = names.size();
      std::string item = trim_space(names.substr(at, comma - at));
      if (item == name || item == name + " as " + name) return true;
      at = comma + 1;
    }
  }
  return false;
}

}  // namespace

bool add_imports(std::string& text, const std::vector<std::string>& imports, std::string& why) {
  PythonSource source = read_python(text);
  std::string missing;
  for (const auto& import : imports) {
    size_t at = import.find(" import ");
    if (import.rfind("from ", 0) != 0 || at == std::string::npos) continue;
    bool imported = has_import(source, import.substr(5, at - 5), import.substr(at + 8));
    if (!imported && missing.find(import + "\n") == std::string::npos) missing += import + "\n";
  }
  if (missing.empty()) return true;
  std::optional<size_t> after;
  for (const auto& line : source.logical) {
    if (!line.indent.empty()) continue;
    std::string word = leading_word(line.code);
    if (word == "class" || word == "def" || line.code[0] == '@') break;
    if (word == "import" || word == "from") after = line.last;
  }
  if (!after) {
    why = "it has no top-level import before its first class to put the imports it needs after";
    return false;
  }
  insert_lines(source.lines, *after, missing);
  text = join_lines(source.lines);
  return true;
}

}  // namespace pgadvisor
