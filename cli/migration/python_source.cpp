#include "cli/migration/python_source.hpp"

#include <cctype>

namespace pgadvisor {
namespace {

bool is_blank(const std::string& text) { return text.find_first_not_of(" \t\f") == std::string::npos; }

// The state carried from one physical line to the next.
struct ScanState {
  char quote = 0;       // inside a string literal opened by this quote
  bool triple = false;  // ... a triple-quoted one
  int depth = 0;        // open brackets
  bool continued = false;
};

// Masks `line` in place, updating `state`; false for a string that ends with the line unclosed.
bool mask_line(std::string& line, ScanState& state) {
  state.continued = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (state.quote) {
      if (c == '\\') {
        line[i] = '_';
        if (i + 1 < line.size()) line[++i] = '_';
        else state.continued = true;  // a backslash at the end continues the string
      } else if (c == state.quote && (!state.triple || line.compare(i, 3, std::string(3, c)) == 0)) {
        if (state.triple) i += 2;
        state.quote = 0;
      } else {
        line[i] = '_';
      }
      continue;
    }
    if (c == '#') {
      for (size_t j = i; j < line.size(); ++j) line[j] = ' ';
      break;
    }
    if (c == '\'' || c == '"') {
      state.quote = c;
      state.triple = line.compare(i, 3, std::string(3, c)) == 0;
      if (state.triple) i += 2;
    } else if (c == '(' || c == '[' || c == '{') {
      ++state.depth;
    } else if (c == ')' || c == ']' || c == '}') {
      --state.depth;
    } else if (c == '\\' && i + 1 == line.size()) {
      state.continued = true;
    }
  }
  return !state.quote || state.triple || state.continued;
}

}  // namespace

PythonSource read_python(const std::string& text) {
  PythonSource source;
  if (text.find('\r') != std::string::npos) {
    source.problem = "it has CR line endings";
    return source;
  }
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    source.lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  ScanState state;
  bool inside = false;  // a physical line continues the logical line before it
  for (size_t i = 0; i < source.lines.size(); ++i) {
    std::string masked = source.lines[i];
    bool starts = !inside;
    if (!mask_line(masked, state)) {
      source.problem = "line " + std::to_string(i + 1) + " has a string that is not closed";
      return source;
    }
    if (state.depth < 0) {
      source.problem = "line " + std::to_string(i + 1) + " closes a bracket that is not open";
      return source;
    }
    source.masked.push_back(masked);
    inside = state.quote || state.depth > 0 || state.continued;
    if (starts && is_blank(masked)) continue;  // a blank or comment-only line
    if (starts) {
      size_t code = masked.find_first_not_of(" \t\f");
      source.logical.push_back({i, i, masked.substr(0, code), masked.substr(code)});
    }
    source.logical.back().last = i;
  }
  if (inside) source.problem = "it ends inside a string or a bracket";
  return source;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

std::string logical_text(const PythonSource& source, const PythonLine& line) {
  std::string out;
  for (size_t i = line.first; i <= line.last; ++i) out += (i == line.first ? "" : "\n") + source.masked[i];
  return out;
}

void insert_lines(std::vector<std::string>& lines, size_t after, const std::string& text) {
  std::vector<std::string> added;
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    added.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  lines.insert(lines.begin() + static_cast<long>(after + 1), added.begin(), added.end());
}

std::string trim_space(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\f"), end = text.find_last_not_of(" \t\f");
  return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

std::string leading_word(const std::string& code) {
  size_t end = 0;
  while (end < code.size() && (std::isalnum(static_cast<unsigned char>(code[end])) || code[end] == '_')) ++end;
  if (end == 0 || std::isdigit(static_cast<unsigned char>(code[0]))) return "";
  return code.substr(0, end);
}

}  // namespace pgadvisor
