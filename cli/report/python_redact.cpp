#include "cli/report/python_redact.hpp"

#include <cctype>
#include <vector>

namespace pgadvisor {
namespace {

bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// A Python string literal whose quote is at `at`: its end (just past the closing quote).
size_t python_string_end(const std::string& code, size_t at) {
  char quote = code[at];
  bool triple = code.compare(at, 3, std::string(3, quote)) == 0;
  size_t i = at + (triple ? 3 : 1);
  while (i < code.size()) {
    if (code[i] == '\\') {
      i += 2;
      continue;
    }
    if (triple ? code.compare(i, 3, std::string(3, quote)) == 0 : code[i] == quote) return i + (triple ? 3 : 1);
    if (!triple && code[i] == '\n') return i;
    ++i;
  }
  return code.size();
}

// Whether the code before `at` ends (spaces aside) with a keyword argument's `=` (not `==`, `<=`, ...).
bool after_assignment(const std::string& code, size_t at) {
  size_t i = at;
  while (i > 0 && (code[i - 1] == ' ' || code[i - 1] == '\t')) --i;
  if (i == 0 || code[i - 1] != '=') return false;
  return i < 2 || std::string("=<>!").find(code[i - 2]) == std::string::npos;
}

}  // namespace

std::string redact_python_literals(const std::string& code, const std::set<std::string>& values) {
  std::string out;
  std::vector<bool> value_brackets;  // per open bracket: was it opened as a keyword argument's value?
  size_t i = 0;
  while (i < code.size()) {
    char c = code[i];
    if (c == '#') {  // a comment, to the end of the line
      size_t end = code.find('\n', i);
      end = end == std::string::npos ? code.size() : end;
      out.append(code, i, end - i);
      i = end;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') value_brackets.push_back(after_assignment(code, i));
    if ((c == ')' || c == ']' || c == '}') && !value_brackets.empty()) value_brackets.pop_back();
    bool is_value = after_assignment(code, i) || (!value_brackets.empty() && value_brackets.back() && c != '(' && c != '[');
    size_t quote = std::string::npos;  // where a string literal's quote is, after any prefix letters
    if (c == '\'' || c == '"') quote = i;
    if (identifier_char(c)) {
      size_t end = i;
      while (end < code.size() && (identifier_char(code[end]) || (std::isdigit(static_cast<unsigned char>(c)) && code[end] == '.'))) ++end;
      bool prefix = std::isalpha(static_cast<unsigned char>(c)) && end - i <= 2 && end < code.size() &&
                    (code[end] == '\'' || code[end] == '"');
      bool number = std::isdigit(static_cast<unsigned char>(c));
      if (!prefix) {
        if (number && is_value) out += "...";
        else out.append(code, i, end - i);
        i = end;
        continue;
      }
      quote = end;
    }
    if (quote == std::string::npos) {
      out += c;
      ++i;
      continue;
    }
    size_t close = python_string_end(code, quote);
    bool triple = close - quote >= 6 && code.compare(quote, 3, std::string(3, code[quote])) == 0;
    size_t width = triple ? 3 : 1;
    std::string value = close >= quote + 2 * width ? code.substr(quote + width, close - quote - 2 * width) : "";
    if (is_value || values.count(value)) out += "...";
    else out.append(code, i, close - i);
    i = close;
  }
  return out;
}

}  // namespace pgadvisor
